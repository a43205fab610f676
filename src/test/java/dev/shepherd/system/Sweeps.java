package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.util.Optional;

/**
 * A positive marker for "the sweep has run": changes made through the rollout service behind the
 * Slack adapter's back, which no click syncs, so only a sweep draws them.
 */
final class Sweeps {
  private Sweeps() {}

  /**
   * Starts a rollout of {@code runbook} on a free {@code partition} through the service (only a
   * sweep posts its root), then marks its step 1 done the same way (only a later sweep posts step
   * 2), and waits for both: two sweeps that began after this call. Returns the marker's thread.
   */
  static String awaitTwo(ShepherdUnderTest shepherd, String runbook, String partition)
      throws InterruptedException {
    Outcome started =
        shepherd
            .shepherd
            .rollouts()
            .start(
                new StartRequest(
                    runbook, partition, OPERATOR, CHANNEL, Optional.empty(), "sweep-marker"));
    assertThat(started).isInstanceOf(Outcome.Accepted.class);
    Rollout marker = started.rollout().orElseThrow();
    FakeSlack.Message root =
        shepherd.await(
            "a sweep posting the marker rollout's root",
            m ->
                m.isTopLevel()
                    && m.text().contains(" on " + partition + " by ")
                    && !ShepherdUnderTest.isSummary(m)
                    && shepherd
                        .shepherd
                        .rollouts()
                        .find(marker.id())
                        .orElseThrow()
                        .thread()
                        .threadId()
                        .equals(Optional.of(m.ts())));
    assertThat(
            shepherd
                .shepherd
                .rollouts()
                .act(
                    new ActionRequest(
                        marker.id(),
                        Action.DONE,
                        Phase.FORWARD,
                        1,
                        OPERATOR,
                        "sweep-marker-done",
                        Optional.empty())))
        .isInstanceOf(Outcome.Accepted.class);
    shepherd.openStep(root.ts(), 2);
    return root.ts();
  }
}
