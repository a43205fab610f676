package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Step bodies and freeze reasons are converted on every post, status and Home tab: a line of blanks
 * ending in a U+2028 (which "." refused) must not make a pattern back off over each blank.
 */
class HostileMrkdwnTest {
  private static final String BLANKS = " ".repeat(64_000);

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "#<blanks>\u2028",
        "# Title<blanks>\u2028x",
        "-<blanks>\u2028",
        "1.<blanks>\u2028",
      })
  @Timeout(value = 3, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHostileLineConvertsInLinearTime(String shape) {
    String line = shape.replace("<blanks>", BLANKS);

    String mrkdwn = Mrkdwn.fromMarkdown("before\n" + line + "\nafter");

    assertThat(mrkdwn).startsWith("before\n").endsWith("\nafter");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void blanksWithoutALineBreakJoinInLinearTime() {
    assertThat(Mrkdwn.inline("a" + BLANKS + "b\u2028 c", false)).isEqualTo("a" + BLANKS + "b c");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "## Deploy ##|*Deploy*",
        "## Deploy|*Deploy*",
        "#|",
        "## #|",
        "# x #y|*x #y*",
        "####### seven|####### seven",
        "#hash|#hash",
        "   ## Indented|*Indented*",
        "    ## code|    ## code",
        "#\tTab\t#\t|*Tab*",
      })
  void headingsAsBefore(String row) {
    String[] cells = row.split("\\|", -1);

    assertThat(Mrkdwn.fromMarkdown(cells[0])).isEqualTo(cells[1]);
  }
}
