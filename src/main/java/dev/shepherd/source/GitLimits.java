package dev.shepherd.source;

/**
 * How much of a repository one snapshot reads: a runbook larger than {@code maxFileBytes}, or past
 * {@code maxFiles} or {@code maxTotalBytes}, is reported unreadable and not read, so a repository
 * with a huge blob or a million files cannot exhaust Shepherd's memory.
 */
public record GitLimits(long maxFileBytes, int maxFiles, long maxTotalBytes) {
  /** 1 MB a runbook, 10,000 runbooks, 64 MB in all. */
  public static final GitLimits DEFAULT = new GitLimits(1L << 20, 10_000, 64L << 20);

  public GitLimits {
    if (maxFileBytes <= 0 || maxFiles <= 0 || maxTotalBytes <= 0) {
      throw new IllegalArgumentException("git limits must be positive");
    }
  }
}
