package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.audit.Phase;
import dev.shepherd.format.Durations;
import dev.shepherd.learning.finding.FindingClosure;
import dev.shepherd.learning.finding.FindingRiskRegister;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the channel reads when a rollout ends: the outcome, who ran and approved it, how long it
 * took, each step with its outcome, the failures and the rollback walk, the override and the
 * warnings shown, and what comes next. One message, however many steps: what does not fit points at
 * the rollout's thread.
 */
public final class SummaryMessageView {
  /** Bounds one step's line, so a few hundred steps still fit a message. */
  private static final int TITLE = 120;

  private static final int REASON = 200;

  /** "What fixed step N?" buttons beside the summary's three; Slack allows 25 in a block. */
  private static final int MAX_FIX_BUTTONS = 5;

  private SummaryMessageView() {}

  /** The chain's head as people read it: its link number and the hash's first 12 digits. */
  public static String seal(ChainHead head) {
    return ":link: record at link "
        + head.seq()
        + " `"
        + head.hash().substring(0, Math.min(12, head.hash().length()))
        + "`";
  }

  public static SlackMessage render(Summary summary, String location) {
    return render(summary, List.of(), location);
  }

  /**
   * @param findings what the rollout found that its runbook did not say
   */
  public static SlackMessage render(
      Summary summary, List<RunbookFinding> findings, String location) {
    return render(summary, findings, location, Optional.empty());
  }

  /**
   * @param sealed the newest link of the rollout's chain when drawn, shown as a short fingerprint
   *     people can compare with {@code audit verify}; the post carries it whole in its metadata
   */
  public static SlackMessage render(
      Summary summary, List<RunbookFinding> findings, String location, Optional<ChainHead> sealed) {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(location, "location");
    Rollout rollout = summary.rollout();
    String outcome = States.words(rollout.state());
    String duration = summary.duration().map(Durations::format).orElse("—");

    List<LayoutBlock> head = new ArrayList<>();
    head.add(
        BlockKit.header(
            States.icon(rollout.state())
                + " "
                + capitalized(outcome)
                + ": "
                + rollout.runbook().title()));
    head.add(
        BlockKit.fields(
            List.of(
                "*Partition*\n" + Mrkdwn.escape(rollout.partition()),
                "*Outcome*\n" + outcome,
                "*Runbook*\n"
                    + Mrkdwn.escape(rollout.runbook().id())
                    + " @ `"
                    + rollout.runbook().revision().shortId()
                    + "`",
                "*Duration*\n" + duration,
                "*Operator*\n" + Mrkdwn.user(rollout.operator()),
                "*Approved by*\n" + Mrkdwn.users(summary.approvers()))));
    head.add(
        BlockKit.context(
            "`" + Mrkdwn.escape(location) + "`",
            "rollout `" + Mrkdwn.escape(rollout.id()) + "`",
            rollout.endedAt().map(at -> "ended " + Mrkdwn.date(at)).orElse(""),
            sealed.map(SummaryMessageView::seal).orElse("")));

    List<LayoutBlock> body = new ArrayList<>();
    rollout
        .override()
        .ifPresent(
            override ->
                body.add(
                    BlockKit.section(
                        ":twisted_rightwards_arrows: *Started despite the choreography* by "
                            + Mrkdwn.user(override.by())
                            + ": "
                            + clip(Mrkdwn.freeText(override.reason())))));
    if (!summary.steps().isEmpty()) {
      body.addAll(BlockKit.sections(steps(":footprints: *Steps*", summary.steps())));
    }
    if (!summary.failures().isEmpty()) {
      body.addAll(BlockKit.sections(failures(rollout, summary.failures())));
    }
    if (!summary.rollbacks().isEmpty()) {
      body.addAll(
          BlockKit.sections(
              steps(":leftwards_arrow_with_hook: *Rollback walk*", summary.rollbacks())));
    }
    List<Acknowledgement> notes =
        summary.timeline().stream()
            .filter(a -> a.action() == Action.NOTE || a.action() == Action.SYMPTOM)
            .toList();
    if (!notes.isEmpty()) {
      body.addAll(BlockKit.sections(notes(rollout, notes)));
    }
    if (!findings.isEmpty()) {
      body.addAll(BlockKit.sections(findings(findings)));
    }
    if (!rollout.warnings().isEmpty()) {
      StringBuilder warnings = new StringBuilder(":warning: *Warnings shown at start*");
      rollout.warnings().forEach(w -> warnings.append("\n• ").append(clip(Mrkdwn.mentions(w))));
      body.addAll(BlockKit.sections(warnings.toString()));
    }

    List<com.slack.api.model.block.element.ButtonElement> buttons =
        new ArrayList<>(
            List.of(
                exportButton(rollout),
                button("Propose runbook changes", ActionIds.PROPOSE, rollout),
                button("Draft retrospective", ActionIds.RETRO, rollout)));
    findings.stream()
        .filter(
            f ->
                f.kind() == RunbookFinding.Kind.UNMATCHED_SYMPTOM
                    && f.resolution().isEmpty()
                    && f.isOpen())
        .map(
            f ->
                rollout.steps().stream()
                    .filter(s -> s.runbookStep() == f.runbookStep() && s.state() == StepState.DONE)
                    .findFirst())
        .flatMap(Optional::stream)
        .limit(MAX_FIX_BUTTONS)
        .forEach(
            step ->
                buttons.add(
                    com.slack.api.model.block.element.ButtonElement.builder()
                        .text(BlockKit.plain("What fixed step " + step.position() + "?"))
                        .actionId(ActionIds.FIXED + ":" + step.position())
                        .value(ButtonValue.of(rollout.id(), Phase.FORWARD, step.position()))
                        .build()));
    List<LayoutBlock> tail = List.of(BlockKit.section(next(summary)), BlockKit.actions(buttons));
    String fallback =
        "Rollout of "
            + Mrkdwn.escape(rollout.runbook().title())
            + " on "
            + Mrkdwn.escape(rollout.partition())
            + " "
            + outcome
            + summary.duration().map(d -> " in " + Durations.format(d)).orElse("")
            + " — "
            + Mrkdwn.escape(summary.next());
    return Pages.single(
        head, body, tail, fallback, "the rollout's thread and `" + Mrkdwn.escape(location) + "`");
  }

  /** Each finding in words, the latent bug first and loudest, with what fixed it when known. */
  private static String findings(List<RunbookFinding> findings) {
    StringBuilder text =
        new StringBuilder(":bulb: *What this rollout found that the runbook does" + " not say*");
    List<RunbookFinding> ordered = new ArrayList<>(findings);
    ordered.sort(Comparator.comparing(f -> f.kind() != RunbookFinding.Kind.LATENT_BUG));
    for (RunbookFinding finding : ordered) {
      boolean latent = finding.kind() == RunbookFinding.Kind.LATENT_BUG;
      text.append("\n• ")
          .append(latent ? ":rotating_light: *" : "")
          .append(
              clip(
                  Mrkdwn.freeText(
                      latent
                          ? capitalized(finding.detail())
                          : capitalized(FindingRiskRegister.what(finding)))))
          .append(latent ? "*" : "");
      finding
          .resolution()
          .ifPresent(
              r ->
                  text.append(" — fixed by ")
                      .append(Mrkdwn.user(r.by()))
                      .append(": ")
                      .append(clip(Mrkdwn.freeText(r.fix())))
                      .append(
                          r.knownCause()
                              .map(c -> " (cause: " + clip(Mrkdwn.freeText(c)) + ")")
                              .orElse("")));
      finding
          .closure()
          .ifPresent(
              c ->
                  text.append(" _(")
                      .append(
                          c.kind() == FindingClosure.Kind.DISMISSED
                              ? "dismissed by "
                                  + Mrkdwn.user(c.by())
                                  + ": "
                                  + clip(Mrkdwn.freeText(c.reason()))
                              : "covered by revision `"
                                  + Mrkdwn.escape(
                                      c.by().length() > 7 ? c.by().substring(0, 7) : c.by())
                                  + "`")
                      .append(")_"));
    }
    return text.toString();
  }

  private static String steps(String heading, List<Summary.StepOutcome> outcomes) {
    StringBuilder text = new StringBuilder(heading);
    for (Summary.StepOutcome step : outcomes) {
      text.append('\n')
          .append(States.icon(step.state()))
          .append(' ')
          .append(step.position())
          .append(". ")
          .append(Mrkdwn.escape(TextClips.clipPlain(step.title(), TITLE)))
          .append(" — ")
          .append(words(step.state()))
          .append(step.by().map(user -> " by " + Mrkdwn.user(user)).orElse(""));
      if (!step.approvedBy().isEmpty()) {
        text.append(", approved by ").append(Mrkdwn.users(step.approvedBy()));
      }
      step.reason().ifPresent(why -> text.append(": ").append(clip(Mrkdwn.freeText(why))));
    }
    return text.toString();
  }

  private static String failures(Rollout rollout, List<Acknowledgement> failures) {
    StringBuilder text = new StringBuilder(":x: *Failures*");
    for (Acknowledgement failure : failures) {
      Phase phase = failure.phase().orElse(Phase.FORWARD);
      String title =
          failure.position().flatMap(p -> rollout.step(phase, p)).map(StepRun::title).orElse("");
      text.append("\n• ")
          .append(phase == Phase.ROLLBACK ? "rollback " : "step ")
          .append(failure.position().map(String::valueOf).orElse("?"))
          .append(
              title.isEmpty() ? "" : " (" + Mrkdwn.escape(TextClips.clipPlain(title, TITLE)) + ")")
          .append(" failed — ")
          .append(Mrkdwn.user(failure.user()))
          .append(' ')
          .append(Mrkdwn.date(failure.at()))
          .append(failure.detail().isBlank() ? "" : ": " + clip(Mrkdwn.freeText(failure.detail())));
    }
    return text.toString();
  }

  /** Each note with its step, author, time and what it carried, in the order they came. */
  private static String notes(Rollout rollout, List<Acknowledgement> notes) {
    StringBuilder text = new StringBuilder(":memo: *Notes and evidence*");
    for (Acknowledgement note : notes) {
      Phase phase = note.phase().orElse(Phase.FORWARD);
      String title =
          note.position().flatMap(p -> rollout.step(phase, p)).map(StepRun::title).orElse("");
      text.append("\n• ")
          .append(phase == Phase.ROLLBACK ? "rollback " : "step ")
          .append(note.position().map(String::valueOf).orElse("?"))
          .append(
              title.isEmpty() ? "" : " (" + Mrkdwn.escape(TextClips.clipPlain(title, TITLE)) + ")")
          .append(" — ")
          .append(Mrkdwn.user(note.user()))
          .append(' ')
          .append(Mrkdwn.date(note.at()))
          .append(note.action() == Action.SYMPTOM ? ", when it failed" : "")
          .append(
              note.detail().isBlank()
                  ? ""
                  : ": " + clip(Mrkdwn.freeText(note.detail().replace('\n', ' '))))
          .append(
              note.evidence().isEmpty()
                  ? ""
                  : " ("
                      + note.evidence().size()
                      + (note.evidence().size() == 1 ? " link or file)" : " links and files)"));
    }
    return text.toString();
  }

  private static com.slack.api.model.block.element.ButtonElement exportButton(Rollout rollout) {
    return button("Export record", ActionIds.EXPORT, rollout);
  }

  private static com.slack.api.model.block.element.ButtonElement button(
      String text, String actionId, Rollout rollout) {
    return com.slack.api.model.block.element.ButtonElement.builder()
        .text(BlockKit.plain(text))
        .actionId(actionId)
        .value(ButtonValue.of(rollout.id(), Phase.FORWARD, 1))
        .build();
  }

  /** {@code summary.next()}, told as a wait when the rollout did not complete. */
  private static String next(Summary summary) {
    String next = Mrkdwn.escape(summary.next());
    boolean completed = summary.rollout().state() == RolloutState.COMPLETED;
    if (summary.next().startsWith("next:")) {
      return ":arrow_right: "
          + next
          + (completed
              ? ""
              : " — once "
                  + Mrkdwn.escape(summary.rollout().runbook().id())
                  + " completes on "
                  + Mrkdwn.escape(summary.rollout().partition()));
    }
    return ":checkered_flag: " + next;
  }

  private static String clip(String mrkdwn) {
    return TextClips.clip(mrkdwn, REASON);
  }

  private static String words(StepState state) {
    return switch (state) {
      case DONE -> "done";
      case FAILED -> "failed";
      case SKIPPED -> "skipped";
      case POSTED -> "was in progress";
      case PENDING -> "not reached";
    };
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
