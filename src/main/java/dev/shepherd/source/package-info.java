/** Runbook sources: a plain folder, or a git remote read through JGit. */
package dev.shepherd.source;
