package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step's callouts keep their loudness in Slack: GitHub's five alerts, five icons. */
class WarningLevelsViewTest {
  @Test
  void eachAlertIsShownWithItsOwnIcon() {
    Runbook runbook =
        ViewFixture.runbook(
            """
        # Alerts

        ## Step 1: Purge
        > [!NOTE]
        > Takes a minute.

        > [!TIP]
        > Use --dry-run first.

        > [!IMPORTANT]
        > Tell #frontend.

        > **Warning:** the origin takes the load.

        > [!CAUTION]
        > Never at peak.
        """);
    Step step = runbook.step(1).orElseThrow();

    List<String> texts =
        StepParts.warnings(step.warnings()).stream()
            .map(block -> ViewFixture.text(ViewFixture.GSON.toJsonTree(block).getAsJsonObject()))
            .toList();

    assertThat(texts)
        .containsExactly(
            ":information_source: Takes a minute.",
            ":bulb: Use --dry-run first.",
            ":heavy_exclamation_mark: Tell #frontend.",
            ":warning: the origin takes the load.",
            ":no_entry: Never at peak.");
  }
}
