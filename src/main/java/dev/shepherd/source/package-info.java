/**
 * Runbook sources: a plain folder, or a git remote (or one folder of it) read through JGit; a
 * {@link dev.shepherd.source.RunbookFilter} of include and exclude globs says which Markdown files
 * are runbooks.
 */
package dev.shepherd.source;
