package dev.shepherd.slack.view;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.export.EvidencePack;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import java.time.LocalDate;
import java.util.List;

/**
 * The evidence of a day's changes as an approver reads it in Slack, only to them: per change who
 * requested it, who approved it, its revision, whether it changed since the previous partition and
 * what the record check says; within a section's 3,000 characters, pointing at {@code shepherd
 * audit evidence} for the whole pack.
 */
public final class EvidenceView {
  private EvidenceView() {}

  public static String render(LocalDate day, List<EvidencePack.Change> changes) {
    StringBuilder text =
        new StringBuilder(":card_index_dividers: *Change evidence of ")
            .append(day)
            .append("* (the partitions you approve)\n");
    if (changes.isEmpty()) {
      text.append("No changes that day.");
    }
    for (EvidencePack.Change change : changes) {
      RolloutRecord record = change.record();
      Rollout rollout = record.rollout();
      List<String> approvers =
          record.steps().stream()
              .flatMap(s -> s.approvals().stream())
              .map(Acknowledgement::user)
              .distinct()
              .toList();
      text.append("• *")
          .append(Mrkdwn.escape(rollout.partition()))
          .append("* ")
          .append(Mrkdwn.escape(rollout.runbook().id()))
          .append(" @ `")
          .append(rollout.runbook().revision().shortId())
          .append("`, ")
          .append(rollout.state().label())
          .append(": requested by ")
          .append(Mrkdwn.user(rollout.operator()))
          .append(", approved by ")
          .append(approvers.isEmpty() ? "nobody (no step needed it)" : Mrkdwn.users(approvers))
          .append(
              change
                  .previous()
                  .map(
                      p ->
                          p.diff().isEmpty()
                              ? "; same text as on " + Mrkdwn.escape(p.partition())
                              : "; changed since " + Mrkdwn.escape(p.partition()))
                  .orElse(""))
          .append("; ")
          .append(Mrkdwn.escape(change.verify()))
          .append('\n');
    }
    text.append("The whole pack: `shepherd audit evidence --from ")
        .append(day)
        .append(" --to ")
        .append(day)
        .append("`");
    return TextClips.clip(text.toString(), Limits.SECTION_TEXT);
  }
}
