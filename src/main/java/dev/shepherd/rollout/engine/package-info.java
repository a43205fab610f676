/**
 * The engine: {@link dev.shepherd.rollout.engine.RolloutService}, the one front door to every
 * rollout state change, and what it delegates to (starts, actions, notes, freezes, schedules,
 * soaks). Each request is one store transaction that writes its acknowledgement.
 */
package dev.shepherd.rollout.engine;
