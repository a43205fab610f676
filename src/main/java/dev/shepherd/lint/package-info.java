/** The runbook linter: one rule a class, findings as {@code path:line: severity: message}. */
package dev.shepherd.lint;
