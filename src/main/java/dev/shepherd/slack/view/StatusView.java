package dev.shepherd.slack.view;

import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The answer to {@code /rollout status}: what is active (or the fleet's waves), then freezes. */
public final class StatusView {
  private StatusView() {}

  /**
   * @param fleet the fleet's waves as {@link #fleet} drew them, when the config declares waves;
   *     empty to list the active rollouts one a line
   * @param link a rollout's thread URL, if its thread is posted yet
   */
  public static String render(
      Optional<String> fleet,
      List<Rollout> active,
      List<Freeze> freezes,
      Function<Rollout, Optional<String>> link) {
    StringBuilder text = new StringBuilder();
    if (fleet.isPresent()) {
      text.append(fleet.get());
    } else if (active.isEmpty()) {
      text.append("No rollout is active.");
    } else {
      text.append("*Active rollouts*");
      for (Rollout rollout : active) {
        line(text, rollout, link);
      }
    }
    freezes.forEach(
        freeze ->
            text.append("\n:ice_cube: *")
                .append(
                    freeze.partition().equals(Freeze.ALL) ? "every partition" : freeze.partition())
                .append("* is frozen by <@")
                .append(freeze.by())
                .append(">: ")
                .append(Mrkdwn.freeMarkdown(freeze.reason())));
    return text.toString();
  }

  /** The fleet's waves: one {@link FleetStatusView} block per runbook that applies. */
  public static String fleet(List<String> runbooks) {
    return runbooks.isEmpty() ? "No runbook applies to the fleet." : String.join("\n\n", runbooks);
  }

  private static void line(
      StringBuilder text, Rollout rollout, Function<Rollout, Optional<String>> link) {
    if (rollout.waitingToStart()) {
      text.append("\n• *")
          .append(rollout.partition())
          .append("*: ")
          .append(rollout.runbook().id())
          .append(" by <@")
          .append(rollout.operator())
          .append("> — scheduled for ")
          .append(rollout.scheduledFor().map(Mrkdwn::date).orElse("?"))
          .append(rollout.state() == RolloutState.CHECKLIST ? ", waiting for Start" : "");
      return;
    }
    text.append("\n• *")
        .append(rollout.partition())
        .append("*: ")
        .append(rollout.runbook().id())
        .append(" by <@")
        .append(rollout.operator())
        .append("> — ")
        .append(rollout.state().label().replace('_', ' '));
    rollout
        .currentStep()
        .ifPresent(
            step ->
                text.append(", step ")
                    .append(step.position())
                    .append('/')
                    .append(rollout.steps(step.phase()).size())
                    .append(" (")
                    .append(Mrkdwn.fromMarkdown(step.title()))
                    .append(") ")
                    .append(label(step)));
    link.apply(rollout).ifPresent(url -> text.append(" <").append(url).append("|thread>"));
  }

  private static String label(StepRun step) {
    return step.state() == StepState.FAILED ? ":x: failed" : "";
  }
}
