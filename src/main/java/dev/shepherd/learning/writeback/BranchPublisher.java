package dev.shepherd.learning.writeback;

import dev.shepherd.runbook.Revision;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a proposal can go beyond its diff: a branch with one commit on the pinned revision, in the
 * repository the runbooks come from, for the team to open a pull request from.
 */
@FunctionalInterface
public interface BranchPublisher {
  /**
   * One commit to push.
   *
   * @param runbookPath the runbook's path in the runbooks source
   * @param pinned the commit the rollout ran; the new commit's only parent
   * @param branch the branch to create ({@code shepherd/<runbook-id>-<rollout-short-id>})
   * @param text the patched runbook
   * @param message the commit message
   * @param when the commit's time: the same proposal makes the same commit, so pushing it again
   *     changes nothing
   */
  record Request(
      String runbookPath,
      Revision pinned,
      String branch,
      String text,
      String message,
      Instant when) {
    public Request {
      Objects.requireNonNull(runbookPath, "runbookPath");
      Objects.requireNonNull(pinned, "pinned");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(when, "when");
    }
  }

  /** Pushes the branch; returns where to open the pull request (or the remote and branch). */
  String publish(Request request) throws Failed;

  /** The branch could not be pushed; the message says why and what to do, never a token. */
  final class Failed extends Exception {
    public Failed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
