/**
 * Partitions (target environments) and the choreography: the fixed order rollouts follow, in waves,
 * with the gates (soak, deploy windows, blackouts) that say when a partition may start.
 */
package dev.shepherd.partition;
