package dev.shepherd.lint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.testing.FuzzBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Lint's per-runbook checks (the shown lines with their allow comments, and the start-time
 * partition safety) on any runbook text: no exception, and within the budget. Single-threaded on
 * purpose: the budget counts this thread's CPU.
 */
class LintFuzzTest {
  private static final RunbookParser PARSER = new RunbookParser();
  private static Config config;

  @BeforeAll
  static void config() throws IOException {
    Path dir = Files.createTempDirectory("lint-fuzz");
    Path file = dir.resolve("shepherd.yaml");
    Files.writeString(file, Workspace.CONFIG);
    Files.createDirectories(dir.resolve("runbooks"));
    config = new ConfigLoader(Map.of()).load(file);
    check("# Warm\n\n## Step 1\nRun `x`.\n");
  }

  private static void check(String text) {
    Runbook runbook = PARSER.parse("fuzz.md", text, Revision.content("fuzz"));
    RunbookText.lines(runbook);
    for (String partition : config.choreography().names()) {
      PartitionSafety.check(config, runbook, partition);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void lintsAnyRunbook(byte[] data) {
    String text = FuzzBudget.text(data);
    FuzzBudget.within("linting a runbook", text.length(), () -> check(text));
  }
}
