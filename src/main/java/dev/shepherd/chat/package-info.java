/**
 * Ports between the adapters, never called by the engine: which messages a thread has ({@link
 * dev.shepherd.chat.MessageLedger}, kept by the store), the timers a rollout needs ({@link
 * dev.shepherd.chat.RolloutTimers}, kept by Quartz), what they do when they fire ({@link
 * dev.shepherd.chat.TimedEvents}, done by Slack) and which group each user group handle was pinned
 * to ({@link dev.shepherd.chat.GroupPins}, kept by the store, asked by Slack). The composition root
 * connects them.
 */
package dev.shepherd.chat;
