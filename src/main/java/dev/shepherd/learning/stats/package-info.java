/** A runbook's history in numbers: step times, medians, failures and how long they took to fix. */
package dev.shepherd.learning.stats;
