package dev.shepherd.slack.command;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shepherd.testing.FuzzBudget;

/** The slash command's words on any text: always a command or an Invalid, within the budget. */
class CommandTextFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void parsesAnyText(byte[] data) {
    String text = FuzzBudget.text(data);
    FuzzBudget.within(
        "parsing a slash command",
        text.length(),
        () -> {
          if (CommandText.parse(text) == null) {
            throw new AssertionError("no command for " + text);
          }
        });
  }
}
