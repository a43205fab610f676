package dev.shepherd.runbook;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shepherd.testing.FuzzBudget;
import org.junit.jupiter.api.BeforeAll;

/**
 * The runbook reader on any text: it never throws (what it cannot read is a problem on the runbook)
 * and reads each input within its budget. The corpus, {@code
 * RunbookReaderFuzzTestInputs/readsAnyText}, runs in every {@code mvn test}; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/design/hostile-input.md).
 */
class RunbookReaderFuzzTest {
  private static final RunbookParser PARSER = new RunbookParser();

  @BeforeAll
  static void warmUp() {
    PARSER.parse("warm.md", "# Warm\n\n## Step 1\nRun `x`.\n", Revision.content("w"));
  }

  @FuzzTest(maxDuration = "10m")
  void readsAnyText(byte[] data) {
    String text = FuzzBudget.text(data);
    FuzzBudget.within(
        "reading a runbook",
        text.length(),
        () -> PARSER.parse("fuzz.md", text, Revision.content("fuzz")));
  }
}
