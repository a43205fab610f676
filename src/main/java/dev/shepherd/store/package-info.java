/** The JDBC implementation of the rollout store, on H2 or PostgreSQL, migrated by Flyway. */
package dev.shepherd.store;
