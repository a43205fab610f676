package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One line of a runbook built to make a shape reader's pattern backtrack (blanks no review diff
 * shows), 64,000 characters long: each is read in well under the guard, its runbook still read.
 */
class HostileLinesTest {
  private static final String BLANKS = " ".repeat(64_000);
  private final RunbookParser parser = new RunbookParser();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "step prefix: ## Optional<blanks>x",
        "callout label: Warning<blanks>x",
        "include callout: {% include warning.html <contents>",
        "shortcode callout: {{< warning >}}<blanks>{{< /note >}}<blanks>x",
      })
  @Timeout(value = 3, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHostileLineIsReadInLinearTime(String shape) {
    String line =
        shape
            .substring(shape.indexOf(": ") + 2)
            .replace("<blanks>", BLANKS)
            .replace("<contents>", "content=\"".repeat(8_000));
    String markdown = "# Hostile\n\n## Deploy\nRun it.\n\n" + line + "\n\n## Check\nLook.\n";

    Runbook runbook = parser.parse("hostile.md", markdown, Revision.content("t"));

    assertThat(runbook.title()).isEqualTo("Hostile");
    assertThat(runbook.source()).contains(line);
  }
}
