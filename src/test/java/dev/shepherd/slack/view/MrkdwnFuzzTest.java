package dev.shepherd.slack.view;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shepherd.testing.FuzzBudget;
import org.junit.jupiter.api.BeforeAll;

/**
 * The mrkdwn renderer on any text (step bodies, freeze reasons, notes): no exception, one output
 * line per input line at least, within the budget.
 */
class MrkdwnFuzzTest {
  @BeforeAll
  static void warmUp() {
    Mrkdwn.fromMarkdown("# Warm\n- *a* `b` [c](https://d)\n");
  }

  @FuzzTest(maxDuration = "10m")
  void rendersAnyText(byte[] data) {
    String text = FuzzBudget.text(data);
    FuzzBudget.within(
        "rendering mrkdwn",
        text.length(),
        () -> {
          Mrkdwn.fromMarkdown(text);
          Mrkdwn.inline(text, false);
          Mrkdwn.mentions(text);
        });
  }
}
