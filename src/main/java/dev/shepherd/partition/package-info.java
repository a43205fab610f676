/** Partitions (target environments) and the choreography: the fixed order rollouts follow. */
package dev.shepherd.partition;
