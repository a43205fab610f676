package dev.shepherd.runbook;

import dev.shepherd.runbook.procedure.Hints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one Markdown file reads as a runbook: what {@code shepherd survey} prints a row of. The first
 * thing a team runs on its own repo, so the verdict says what is missing, not just that something
 * is.
 */
public final class Survey {
  private Survey() {}

  /** The verdict on a file. */
  public enum Verdict {
    READY("ready"),
    GAPS("walkable with gaps"),
    NOT_A_RUNBOOK("not a runbook");

    private final String words;

    Verdict(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /**
   * @param rollback {@code per step}, {@code runbook-wide}, {@code some steps} or {@code none}
   * @param troubleshooting {@code N rows}, {@code prose}, {@code N rows + prose} or {@code none}
   * @param notWalked how many lines are not walked
   * @param gaps what keeps a runbook from being ready, or why a file is not a runbook
   */
  public record Row(
      String path,
      int steps,
      String shape,
      String rollback,
      String troubleshooting,
      int warnings,
      int notWalked,
      int problems,
      Verdict verdict,
      List<String> gaps) {
    public Row {
      gaps = List.copyOf(gaps);
    }
  }

  /**
   * Why a file is a document of another kind (a changelog, a README, a design proposal…), when it
   * is one: lint leaves these out. A file without steps is not one of them: it may be a runbook
   * Shepherd cannot read yet.
   */
  public static Optional<String> otherDocument(Runbook runbook) {
    return DocumentKind.notARunbook(runbook)
        .filter(
            reason -> !reason.startsWith("no steps") && !reason.startsWith("sections of prose"));
  }

  public static Row of(Runbook runbook) {
    List<Step> steps = runbook.steps();
    Reading reading = runbook.reading();
    long own =
        steps.stream().filter(s -> s.rollback().isPresent() && !s.inheritsRollback()).count();
    String rollback =
        reading.rollback().isPresent()
            ? (own > 0 ? "per step + runbook-wide" : "runbook-wide")
            : steps.isEmpty() || own == 0
                ? "none"
                : own == steps.size() ? "per step" : own + " of " + steps.size() + " steps";
    int rows = reading.troubleshooting().size();
    boolean prose = reading.diagnosis().isPresent();
    for (Step step : steps) {
      if (!step.inheritsTroubleshooting()) {
        rows += step.troubleshooting().size();
      }
      prose |= step.diagnosis().isPresent();
    }
    String troubleshooting =
        rows == 0 && !prose
            ? "none"
            : (rows > 0 ? rows + " row" + (rows == 1 ? "" : "s") : "")
                + (rows > 0 && prose ? " + " : "")
                + (prose ? "prose" : "");
    int warnings = steps.stream().mapToInt(s -> s.warnings().size()).sum();
    int notWalked =
        reading.notWalked().stream().mapToInt(n -> n.lastLine() - n.firstLine() + 1).sum();
    Optional<String> not = DocumentKind.notARunbook(runbook);
    List<String> gaps = new ArrayList<>();
    Verdict verdict;
    if (not.isPresent()) {
      verdict = Verdict.NOT_A_RUNBOOK;
      gaps.add(not.get());
    } else {
      if ("none".equals(rollback)) {
        gaps.add("no rollback");
      } else if (!reading.rollback().isPresent() && own < steps.size()) {
        gaps.add(
            (steps.size() - own)
                + " step"
                + (steps.size() - own == 1 ? "" : "s")
                + " without rollback");
      }
      int commands = steps.stream().mapToInt(s -> s.commands().size()).sum();
      if (steps.size() == 1 && commands >= 3) {
        // One step with many commands: the reader found no finer procedure; the team may know one.
        gaps.add(
            "needs a hint if these are separate steps: one step holds "
                + commands
                + " commands (put "
                + Hints.MARKER
                + " before them)");
      }
      if ("none".equals(troubleshooting)) {
        gaps.add("no troubleshooting");
      }
      if (!runbook.problems().isEmpty()) {
        gaps.add(
            runbook.problems().size()
                + " problem"
                + (runbook.problems().size() == 1 ? "" : "s")
                + " (run shepherd lint)");
      }
      long unread =
          reading.notWalked().stream().filter(n -> LineAccount.UNREAD.equals(n.reason())).count();
      if (unread > 0) {
        gaps.add(unread + " range" + (unread == 1 ? "" : "s") + " of lines not read");
      }
      verdict = gaps.isEmpty() ? Verdict.READY : Verdict.GAPS;
    }
    return new Row(
        runbook.path(),
        steps.size(),
        reading.shape(),
        rollback,
        troubleshooting,
        warnings,
        notWalked,
        runbook.problems().size(),
        verdict,
        gaps);
  }
}
