/** Prometheus metrics: the registry, the engine's counters, the ack-time histogram. */
package dev.shepherd.metrics;
