package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the reader finds the procedure, and the hint that settles it when it cannot: what a user
 * sees is the steps' titles and survey's verdict.
 */
class ProcedureFinderTest {
  private final RunbookParser parser = new RunbookParser();

  private Runbook parse(String markdown) {
    return parser.parse("review.md", markdown, Revision.content("test"));
  }

  private static List<String> titles(Runbook runbook) {
    return runbook.steps().stream().map(Step::title).toList();
  }

  private static final String CHECKS =
      """
      # Monthly backup review

      We look at these every month.

      %s
      - The newest backup of each database is less than a day old
      - The restore drill of last month passed
      """;

  @Test
  void statesToTickAreNotStepsWithoutAHint() {
    Runbook runbook = parse(CHECKS.formatted(""));

    assertThat(runbook.steps()).isEmpty();
    assertThat(Survey.of(runbook).verdict()).isEqualTo(Survey.Verdict.NOT_A_RUNBOOK);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"<!-- shepherd: steps -->", "<!--shepherd:steps-->", "<!-- Shepherd: Steps -->"})
  void theMarkerBeforeAListMakesItsItemsTheSteps(String marker) {
    Runbook runbook = parse(CHECKS.formatted(marker));

    assertThat(titles(runbook))
        .containsExactly(
            "The newest backup of each database is less than a day old",
            "The restore drill of last month passed");
    assertThat(runbook.reading().notWalked())
        .containsExactly(new NotWalked(5, 5, "Shepherd hint: the procedure follows"));
  }

  @Test
  void aMarkerThatSaysSomethingElseIsAComment() {
    Runbook runbook = parse(CHECKS.formatted("<!-- shepherd: step -->"));

    assertThat(runbook.steps()).isEmpty();
    assertThat(runbook.reading().notWalked())
        .containsExactly(new NotWalked(5, 5, "HTML comment: not shown to the operator"));
  }

  @Test
  void theFrontMatterNamesTheSectionThatHoldsTheSteps() {
    String markdown =
        """
        ---
        steps: What we check
        ---
        # Certificate inventory

        ## What we check

        - Every certificate has an owner
        - None expires within thirty days
        """;

    Runbook runbook = parse(markdown);

    assertThat(titles(runbook))
        .containsExactly("Every certificate has an owner", "None expires within thirty days");
    assertThat(runbook.problems()).isEmpty();
  }

  @Test
  void surveySaysWhichFilesNeedAHintAndWhy() {
    String oneBigStep =
        """
        # Rebuild the search index

        ## Rebuild

        The index is rebuilt from the primary database.

        ```bash
        ./search drain
        ```

        ```bash
        ./search rebuild --full
        ```

        ```bash
        ./search undrain
        ```
        """;

    Survey.Row row = Survey.of(parse(oneBigStep));

    assertThat(row.steps()).isEqualTo(1);
    assertThat(row.gaps())
        .contains(
            "needs a hint if these are separate steps: one step holds 3 commands (put <!--"
                + " shepherd: steps --> before them)");
  }

  @Test
  void aCommandWithoutAProcedureIsCalledOutAsNeedingAHint() {
    String markdown =
        """
        # Log retention

        Logs are kept for thirty days.

        ```bash
        ./logs prune --older-than 30d
        ```
        """;

    Survey.Row row = Survey.of(parse(markdown));

    assertThat(row.verdict()).isEqualTo(Survey.Verdict.NOT_A_RUNBOOK);
    assertThat(row.gaps().get(0))
        .endsWith(
            "; needs a hint if it is a runbook: 1 command but no procedure found (put <!--"
                + " shepherd: steps --> before it)");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void hostileLinesReadInMilliseconds() {
    String spaces = " ".repeat(6_000);
    String markdown =
        "# Hostile\n\n"
            + spaces
            + "\n\n**"
            + spaces
            + "x\n\n1. "
            + spaces
            + "run it\n\n"
            + "=== \""
            + spaces
            + "\n\n**Step 1:"
            + spaces
            + "\n\nOnce"
            + spaces.replace(' ', ',')
            + "\n\n```bash\nls\n```\n\n<!-- shepherd: allow"
            + spaces
            + "\n";

    for (int i = 0; i < 20; i++) {
      Runbook runbook = parse(markdown);
      assertThat(runbook.steps()).isNotNull();
    }
  }
}
