package dev.shepherd.slack.event;

import com.slack.api.model.view.View;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.MessageLinks;
import dev.shepherd.slack.view.HomeView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes viewers' App Home tabs, on the worker after the ack: on opening, and again after each
 * change for everyone who opened it in the last day, when what they would see changed. Thread-safe.
 */
public final class HomeTab {
  private static final Logger log = LoggerFactory.getLogger(HomeTab.class);

  /** How long a viewer's tab is kept up to date after they last opened it. */
  private static final Duration WATCHED = Duration.ofDays(1);

  /** At most this many viewers are kept up to date; the rest see the news when they open it. */
  private static final int MAX_VIEWERS = 500;

  private final RolloutService rollouts;
  private final ChatGateway slack;
  private final Map<String, Instant> viewers = new ConcurrentHashMap<>();
  private final Map<String, String> shown = new ConcurrentHashMap<>();

  public HomeTab(RolloutService rollouts, ChatGateway slack) {
    this.rollouts = rollouts;
    this.slack = slack;
  }

  /** A viewer opened the tab (or clicked on it): draw it now. */
  public void opened(String viewer) {
    if (viewers.size() < MAX_VIEWERS || viewers.containsKey(viewer)) {
      viewers.put(viewer, Instant.now());
    }
    shown.remove(viewer);
    publish(viewer, state());
  }

  /** Something changed: redraw the tabs of recent viewers whose view differs from the last. */
  public void changed() {
    Instant since = Instant.now().minus(WATCHED);
    viewers.entrySet().removeIf(e -> e.getValue().isBefore(since));
    if (viewers.isEmpty()) {
      return;
    }
    State state = state();
    viewers.keySet().forEach(viewer -> publish(viewer, state));
  }

  /** What every viewer's tab is drawn from, read once per redraw. */
  private record State(List<Rollout> active, List<Rollout> recent, List<Freeze> frozen) {}

  private State state() {
    List<Rollout> recent =
        rollouts.endedSince(Duration.ofDays(7)).stream()
            .map(rollouts::find)
            .flatMap(Optional::stream)
            .toList();
    return new State(rollouts.active(), recent, rollouts.freezes());
  }

  private void publish(String viewer, State visibleToAll) {
    // A rollout in a private channel shows only to its members.
    State state =
        new State(
            visible(visibleToAll.active(), viewer),
            visible(visibleToAll.recent(), viewer),
            visibleToAll.frozen());
    List<Rollout> waiting = state.active().stream().filter(r -> waitsFor(r, viewer)).toList();
    View home =
        View.builder()
            .type("home")
            .blocks(
                HomeView.render(
                    waiting,
                    state.active(),
                    state.frozen(),
                    state.recent(),
                    r ->
                        r.thread()
                            .threadId()
                            .map(ts -> MessageLinks.link(r.thread().channel(), ts))
                            .orElse(null)))
            .build();
    String drawn = home.getBlocks().toString();
    if (drawn.equals(shown.get(viewer))) {
      return;
    }
    try {
      slack.publishHome(viewer, home);
      shown.put(viewer, drawn);
    } catch (ChatGateway.SlackCallFailed e) {
      // The tab shows what it showed before; the next change or visit publishes it again.
      log.warn(
          "could not publish the Home tab of {}: {}",
          LogLines.escaped(viewer),
          LogLines.escaped(e.getMessage()));
    }
  }

  private List<Rollout> visible(List<Rollout> all, String viewer) {
    return all.stream().filter(r -> rollouts.canSee(r, viewer)).toList();
  }

  /** Whether the rollout's open step needs an approval this viewer may still give. */
  private static boolean waitsFor(Rollout rollout, String viewer) {
    Optional<StepRun> step = rollout.currentStep();
    return step.isPresent()
        && step.get().needsApproval()
        && !step.get().isApproved(rollout.approvalsNeeded())
        && rollout.isApprover(viewer)
        && !viewer.equals(rollout.operator())
        && !step.get().approvedBy().contains(viewer);
  }
}
