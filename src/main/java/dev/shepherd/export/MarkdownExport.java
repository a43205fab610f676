package dev.shepherd.export;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Evidence;
import dev.shepherd.format.Durations;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.StepRun;
import java.util.List;
import java.util.Locale;

/**
 * A rollout's record as a change record a reviewer accepts: what ran where, pinned to which
 * revision, who approved each step and when, what the operator saw (notes and evidence), what
 * failed and how it was rolled back, and every acknowledgement with its chain hash so the record
 * can be checked against the database.
 */
final class MarkdownExport {
  private MarkdownExport() {}

  static String write(List<RolloutRecord> records) {
    StringBuilder out = new StringBuilder();
    for (RolloutRecord record : records) {
      if (out.length() > 0) {
        out.append("\n---\n\n");
      }
      write(out, record);
    }
    return out.length() == 0 ? "No rollouts in this period.\n" : out.toString();
  }

  private static void write(StringBuilder out, RolloutRecord record) {
    Rollout rollout = record.rollout();
    out.append("# Change record: ").append(inline(rollout.runbook().title())).append("\n\n");
    out.append("| | |\n| --- | --- |\n");
    row(out, "Rollout", "`" + rollout.id() + "`");
    row(out, "Runbook", "`" + rollout.runbook().id() + "` (" + rollout.runbook().path() + ")");
    row(
        out,
        "Pinned revision",
        rollout.runbook().revision().kind().name().toLowerCase(Locale.ROOT)
            + " `"
            + rollout.runbook().revision().id()
            + "`");
    row(out, "Partition", rollout.partition());
    row(out, "Operator", rollout.operator());
    row(out, "Outcome", rollout.state().label());
    row(out, "Created", Stamps.readable(rollout.createdAt()));
    rollout.startedAt().ifPresent(at -> row(out, "Started", Stamps.readable(at)));
    rollout.endedAt().ifPresent(at -> row(out, "Ended", Stamps.readable(at)));
    record.duration().ifPresent(d -> row(out, "Duration", Durations.formatExact(d)));
    row(
        out,
        "Approvers",
        rollout.approvers().isEmpty()
            ? "none"
            : String.join(", ", rollout.approvers())
                + " (approvals a step needs: "
                + rollout.approvalsNeeded()
                + ")");
    row(
        out,
        "Choreography override",
        rollout.override().map(o -> "by " + o.by() + ": " + cell(o.reason())).orElse("none"));
    out.append('\n');

    out.append("## Warnings shown at start\n\n");
    if (rollout.warnings().isEmpty()) {
      out.append("None.\n\n");
    } else {
      rollout.warnings().forEach(w -> out.append("- ").append(inline(w)).append('\n'));
      out.append('\n');
    }

    out.append("## Steps\n\n");
    record.steps().forEach(step -> step(out, step, "Step " + step.run().position()));
    if (!record.rollbackSteps().isEmpty()) {
      out.append("## Rollback\n\n");
      record
          .rollbackSteps()
          .forEach(step -> step(out, step, "Rollback of step " + step.run().runbookStep()));
    }

    out.append("## Failures\n\n");
    if (record.failures().isEmpty()) {
      out.append("None.\n\n");
    } else {
      for (Acknowledgement failure : record.failures()) {
        out.append("- ")
            .append(Stamps.readable(failure.at()))
            .append(": ")
            .append(Stamps.step(failure))
            .append(" failed, reported by ")
            .append(failure.user())
            .append(failure.detail().isEmpty() ? "" : ": " + inline(failure.detail()))
            .append('\n');
      }
      for (Acknowledgement symptom : record.symptoms()) {
        out.append("- ")
            .append(Stamps.readable(symptom.at()))
            .append(": ")
            .append(Stamps.step(symptom))
            .append(", what ")
            .append(symptom.user())
            .append(" saw: ")
            .append(inline(symptom.detail()))
            .append('\n');
      }
      out.append('\n');
    }

    out.append("## Acknowledgements\n\n");
    out.append(
        "Every row of the trail, oldest first. `shepherd audit verify` checks these hashes"
            + " against the database.\n\n");
    out.append("| # | time | who | action | step | accepted | detail | link | hash |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (ChainLink link : record.trail()) {
      Acknowledgement ack = link.acknowledgement();
      out.append("| ")
          .append(ack.id())
          .append(" | ")
          .append(Stamps.readable(ack.at()))
          .append(" | ")
          .append(ack.user())
          .append(" | ")
          .append(ack.action().label())
          .append(" | ")
          .append(Stamps.step(ack))
          .append(" | ")
          .append(ack.accepted() ? "yes" : "no")
          .append(" | ")
          .append(cell(ack.detail()))
          .append(" | ")
          .append(link.link().map(l -> String.valueOf(l.seq())).orElse(""))
          .append(" | ")
          .append(link.link().map(l -> "`" + l.hash() + "`").orElse("not chained"))
          .append(" |\n");
    }
  }

  private static void step(StringBuilder out, RolloutRecord.StepRecord step, String name) {
    StepRun run = step.run();
    out.append("### ")
        .append(name)
        .append(": ")
        .append(inline(run.title()))
        .append(" (")
        .append(run.state().label())
        .append(")\n\n");
    for (Acknowledgement approval : step.approvals()) {
      out.append("- Approved by ")
          .append(approval.user())
          .append(" at ")
          .append(Stamps.readable(approval.at()))
          .append(approval.drawn().map(d -> ", on the step as drawn `" + d + "`").orElse(""))
          .append('\n');
    }
    run.finishedBy()
        .ifPresent(
            by ->
                out.append("- ")
                    .append(capital(run.state().label()))
                    .append(" by ")
                    .append(by)
                    .append(run.finishedAt().map(at -> " at " + Stamps.readable(at)).orElse(""))
                    .append(run.reason().map(r -> ": " + inline(r)).orElse(""))
                    .append('\n'));
    for (Acknowledgement failure : step.failures()) {
      out.append("- Failed at ")
          .append(Stamps.readable(failure.at()))
          .append(", reported by ")
          .append(failure.user())
          .append(failure.detail().isEmpty() ? "" : "; symptom: " + inline(failure.detail()))
          .append('\n');
    }
    for (Acknowledgement symptom : step.symptoms()) {
      out.append("- Symptom seen by ")
          .append(symptom.user())
          .append(" at ")
          .append(Stamps.readable(symptom.at()))
          .append(":\n");
      symptom
          .detail()
          .lines()
          .forEach(line -> out.append("  > ").append(inline(line)).append('\n'));
      evidence(out, symptom);
    }
    for (Acknowledgement note : step.notes()) {
      out.append("- Note by ")
          .append(note.user())
          .append(" at ")
          .append(Stamps.readable(note.at()))
          .append(":\n");
      note.detail().lines().forEach(line -> out.append("  > ").append(inline(line)).append('\n'));
      evidence(out, note);
    }
    if (step.approvals().isEmpty()
        && run.finishedBy().isEmpty()
        && step.failures().isEmpty()
        && step.notes().isEmpty()
        && step.symptoms().isEmpty()) {
      out.append("- Nothing recorded.\n");
    }
    out.append('\n');
  }

  private static void evidence(StringBuilder out, Acknowledgement note) {
    for (Evidence evidence : note.evidence()) {
      out.append("  - ")
          .append(
              evidence.kind() == Evidence.Kind.FILE
                  ? "file [" + inline(evidence.name()) + "](" + evidence.url() + ")"
                  : "link <" + evidence.url() + ">")
          .append('\n');
    }
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private static String capital(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** Text on one line of a list: Markdown's own characters kept from starting a heading or list. */
  private static String inline(String text) {
    return text.replace("\r", "").replace("\n", " ").replace("<", "&lt;");
  }

  /** Text in a table cell: one line, its pipes escaped. */
  private static String cell(String text) {
    return inline(text).replace("|", "\\|");
  }
}
