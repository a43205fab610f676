package dev.shepherd.export;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Evidence;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.StepRun;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The evidence an auditor samples for a change-management control (SOC 2 CC8.1, ISO 27001 A.8.32):
 * per change in a period, one Markdown document saying who requested it, who approved it (and that
 * none of them was the requester), the pinned revision and what changed since the revision rolled
 * out on the previous partition, the notes and evidence, the overrides and warnings, and what the
 * record check found; and an index of them. Text from values, no I/O. Everything a person or a
 * runbook wrote is escaped, so none of it renders as a link, heading or table.
 */
public final class EvidencePack {
  private EvidencePack() {}

  /**
   * One change and what was checked about it.
   *
   * @param previous the revision last completed on another partition before this change, if any
   * @param verify what {@code audit verify} says of this change's chain, one line
   * @param witness what the witness outside the database says of it, when one was asked
   */
  public record Change(
      RolloutRecord record, Optional<Previous> previous, String verify, Optional<String> witness) {
    public Change {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(verify, "verify");
      Objects.requireNonNull(witness, "witness");
    }
  }

  /**
   * The revision that rolled out before, and the unified diff from it to this change's revision
   * (empty when the text is the same).
   */
  public record Previous(String partition, String rolloutId, String revision, String diff) {}

  /** A file of the pack: its name and its Markdown. */
  public record Document(String name, String markdown) {}

  /** The index first, then one document per change, oldest first. */
  public static List<Document> write(
      LocalDate from, LocalDate to, Optional<String> partition, List<Change> changes) {
    List<Document> documents = new ArrayList<>();
    StringBuilder index = new StringBuilder();
    index
        .append("# Change evidence, ")
        .append(from)
        .append(" to ")
        .append(to)
        .append(partition.map(p -> ", partition " + escape(p)).orElse(""))
        .append("\n\n");
    if (changes.isEmpty()) {
      index.append("No changes in this period.\n");
    } else {
      index.append(
          "| change | partition | runbook | requested by | approved by | outcome | record |\n"
              + "| --- | --- | --- | --- | --- | --- | --- |\n");
    }
    List<Document> pages = new ArrayList<>();
    for (Change change : changes) {
      Rollout rollout = change.record().rollout();
      String name =
          rollout.createdAt().toString().substring(0, 10)
              + "-"
              + safe(rollout.partition())
              + "-"
              + safe(rollout.runbook().id())
              + "-"
              + rollout.id().substring(0, Math.min(8, rollout.id().length()))
              + ".md";
      index
          .append("| [")
          .append(Stamps.readable(rollout.createdAt()))
          .append("](")
          .append(name)
          .append(") | ")
          .append(escape(rollout.partition()))
          .append(" | ")
          .append(escape(rollout.runbook().id()))
          .append(" | ")
          .append(escape(rollout.operator()))
          .append(" | ")
          .append(approvers(change.record()))
          .append(" | ")
          .append(rollout.state().label())
          .append(" | ")
          .append(escape(change.verify()))
          .append(" |\n");
      pages.add(new Document(name, change(change)));
    }
    documents.add(new Document("index.md", index.toString()));
    documents.addAll(pages);
    return documents;
  }

  /** One change's document. */
  static String change(Change change) {
    RolloutRecord record = change.record();
    Rollout rollout = record.rollout();
    StringBuilder out = new StringBuilder();
    out.append("# Change: ").append(escape(rollout.runbook().title())).append("\n\n");
    out.append("| | |\n| --- | --- |\n");
    row(out, "Rollout", "`" + rollout.id() + "`");
    row(
        out,
        "Runbook",
        escape(rollout.runbook().id()) + " (" + escape(rollout.runbook().path()) + ")");
    row(out, "Partition", escape(rollout.partition()));
    row(out, "Requested by (operator)", escape(rollout.operator()));
    row(out, "Approved by", approvers(record));
    row(out, "Approvals by the requester", selfApprovals(record));
    row(
        out,
        "Pinned revision",
        rollout.runbook().revision().kind().name().toLowerCase(Locale.ROOT)
            + " "
            + escape(rollout.runbook().revision().id()));
    row(out, "Outcome", rollout.state().label());
    row(out, "Created", Stamps.readable(rollout.createdAt()));
    rollout.endedAt().ifPresent(at -> row(out, "Ended", Stamps.readable(at)));
    row(out, "Record check", escape(change.verify()));
    change.witness().ifPresent(w -> row(out, "Witness outside the database", escape(w)));
    out.append('\n');

    out.append("## What changed since the previous partition\n\n");
    if (change.previous().isEmpty()) {
      out.append("No earlier rollout of this runbook completed on another partition.\n\n");
    } else {
      Previous previous = change.previous().get();
      out.append("Last completed on ")
          .append(escape(previous.partition()))
          .append(" (rollout `")
          .append(previous.rolloutId())
          .append("`) at ")
          .append(escape(previous.revision()))
          .append(".\n\n");
      if (previous.diff().isEmpty()) {
        out.append("The same runbook text: nothing changed.\n\n");
      } else {
        String fence = fence(previous.diff());
        out.append(fence).append("diff\n").append(previous.diff());
        if (!previous.diff().endsWith("\n")) {
          out.append('\n');
        }
        out.append(fence).append("\n\n");
      }
    }

    out.append("## Overrides and warnings\n\n");
    out.append("- Choreography override: ")
        .append(
            rollout
                .override()
                .map(o -> "by " + escape(o.by()) + ": " + escape(o.reason()))
                .orElse("none"))
        .append('\n');
    if (rollout.warnings().isEmpty()) {
      out.append("- Warnings shown at start: none\n");
    }
    rollout
        .warnings()
        .forEach(w -> out.append("- Warning shown at start: ").append(escape(w)).append('\n'));
    record.steps().stream()
        .map(RolloutRecord.StepRecord::run)
        .filter(r -> r.state().label().equals("skipped"))
        .forEach(
            r ->
                out.append("- Step ")
                    .append(r.position())
                    .append(" skipped")
                    .append(r.finishedBy().map(by -> " by " + escape(by)).orElse(""))
                    .append('\n'));
    out.append('\n');

    out.append("## Steps\n\n");
    for (RolloutRecord.StepRecord step : record.steps()) {
      StepRun run = step.run();
      out.append("- Step ")
          .append(run.position())
          .append(": ")
          .append(escape(run.title()))
          .append(", ")
          .append(run.state().label())
          .append(run.finishedBy().map(by -> " by " + escape(by)).orElse(""))
          .append(run.finishedAt().map(at -> " at " + Stamps.readable(at)).orElse(""))
          .append('\n');
      for (Acknowledgement approval : step.approvals()) {
        out.append("  - approved by ")
            .append(escape(approval.user()))
            .append(" at ")
            .append(Stamps.readable(approval.at()))
            .append(approval.drawn().map(d -> ", on the step as drawn `" + d + "`").orElse(""))
            .append('\n');
      }
    }
    out.append('\n');

    out.append("## Notes and evidence\n\n");
    if (record.notes().isEmpty()) {
      out.append("None.\n");
    }
    for (Acknowledgement note : record.notes()) {
      out.append("- ")
          .append(note.action().label())
          .append(note.position().map(p -> " on step " + p).orElse(""))
          .append(" by ")
          .append(escape(note.user()))
          .append(" at ")
          .append(Stamps.readable(note.at()))
          .append(": ")
          .append(escape(note.detail()))
          .append('\n');
      for (Evidence evidence : note.evidence()) {
        out.append("  - ")
            .append(evidence.kind() == Evidence.Kind.FILE ? "file " : "link ")
            .append(escape(evidence.name()))
            .append(evidence.kind() == Evidence.Kind.FILE ? " at " + escape(evidence.url()) : "")
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String approvers(RolloutRecord record) {
    List<String> approvals = new ArrayList<>();
    for (RolloutRecord.StepRecord step : record.steps()) {
      for (Acknowledgement approval : step.approvals()) {
        approvals.add(escape(approval.user()) + " (step " + step.run().position() + ")");
      }
    }
    return approvals.isEmpty() ? "no step needed approval" : String.join(", ", approvals);
  }

  private static String selfApprovals(RolloutRecord record) {
    String operator = record.rollout().operator();
    long self =
        record.steps().stream()
            .flatMap(s -> s.approvals().stream())
            .filter(a -> a.user().equals(operator))
            .count();
    return self == 0 ? "none" : "**" + self + "**: the requester approved their own change";
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  /** A fence longer than any run of backticks in the text, so the text cannot close it. */
  private static String fence(String text) {
    int longest = 0;
    int run = 0;
    for (char c : text.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }

  /** A name safe in a file name: letters, digits, dots, dashes and underscores. */
  private static String safe(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Text a person or a runbook wrote, on one line with every character Markdown gives a meaning
   * escaped: it reads as written and renders as nothing else (no link, image, heading, table cell
   * or HTML).
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '\r' || c == '\n' || c == '\t') {
        out.append(' ');
      } else if (c == '<') {
        out.append("&lt;");
      } else if (c == '>') {
        out.append("&gt;");
      } else if (c == '&') {
        out.append("&amp;");
      } else if ("\\`*_{}[]()#+-.!|~:".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c)) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
