package dev.shepherd.slack;

import com.slack.api.model.view.View;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutService;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.slack.view.HomeView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a viewer's App Home tab; called after the ack, on the worker. */
final class HomeTab {
  private static final Logger log = LoggerFactory.getLogger(HomeTab.class);

  private final RolloutService rollouts;
  private final ChatGateway slack;

  HomeTab(RolloutService rollouts, ChatGateway slack) {
    this.rollouts = rollouts;
    this.slack = slack;
  }

  void publish(String viewer) {
    List<Rollout> active = rollouts.active();
    List<Rollout> waiting = active.stream().filter(r -> waitsFor(r, viewer)).toList();
    List<Rollout> recent = rollouts.endedSince(Duration.ofDays(7)).stream()
        .map(rollouts::find).flatMap(Optional::stream).toList();
    View home = View.builder().type("home").blocks(HomeView.render(waiting, active,
        rollouts.freezes(), recent, r -> r.thread().threadId()
            .map(ts -> Threads.link(r.thread().channel(), ts)).orElse(null))).build();
    try {
      slack.publishHome(viewer, home);
    } catch (ChatGateway.SlackCallFailed e) {
      // The tab shows what it showed before; the next visit publishes it again.
      log.warn("could not publish the Home tab of {}: {}", viewer, e.getMessage());
    }
  }

  /** Whether the rollout's open step needs an approval this viewer may still give. */
  private static boolean waitsFor(Rollout rollout, String viewer) {
    Optional<StepRun> step = rollout.currentStep();
    return step.isPresent() && step.get().needsApproval()
        && !step.get().isApproved(rollout.approvalsNeeded()) && rollout.isApprover(viewer)
        && !viewer.equals(rollout.operator()) && !step.get().approvedBy().contains(viewer);
  }
}
