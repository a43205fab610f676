package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Soak announcements, the fleet freeze and the fleet status through signed requests. */
@Timeout(120)
class FleetEndToEndTest {
  static final String SOAKING =
      """
      runbooks: ./runbooks
      partitions:
        - name: dev
          soak: 3s
          vars: {region: us-east-2, vault: Arda-DevOAM}
        - name: stage
          vars: {region: us-east-2, vault: Arda-StageOAM}
      """;

  static final String CELLS =
      """
      runbooks: ./runbooks
      freeze_all_approvers: [U0ALICE, U0BOB]
      partition_defaults:
        vars: {region: us-east-2, vault: Cells}
      waves:
        - name: first
          partitions: [cell-1]
        - name: cells
          parallel: 3
          partitions: [cell-2, cell-3, cell-4, cell-5]
      """;

  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  void start(String config) throws Exception {
    shepherd =
        new ShepherdUnderTest(
            folder,
            new FakeSlack(),
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            config,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of());
  }

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    }
  }

  @Test
  void theChannelHearsWhenAWaveHasSoakedAndTheNextMayStart() throws Exception {
    start(SOAKING);
    shepherd.command(OPERATOR, "dev oam-secrets");
    shepherd.walk(shepherd.root("dev").ts(), 3, List.of(BOB));
    shepherd.summary("dev");

    String refusal = shepherd.command(OPERATOR, "stage oam-secrets");
    assertThat(refusal).contains("dev completed at ", " and soaks 3s: stage may start at ");

    FakeSlack.Message soaked =
        shepherd.await(
            "the soak announcement",
            m ->
                m.isTopLevel()
                    && m.text().equals("oam-secrets: dev has soaked 3s: stage may start"));
    assertThat(soaked.allText())
        .contains(":hourglass_flowing_sand: oam-secrets: dev has soaked 3s");
    assertThat(shepherd.command(OPERATOR, "stage oam-secrets"))
        .isEqualTo("Starting oam-secrets on stage…");
    assertThat(shepherd.slack.messages())
        .filteredOn(m -> m.text().contains("has soaked"))
        .hasSize(1);
  }

  @Test
  void freezeAllStopsEveryPartitionIsRecordedOnceAndShowsInStatus() throws Exception {
    start(CELLS);

    assertThat(shepherd.command(STRANGER, "freeze all INC-9"))
        .contains("only an approver can" + " freeze every partition");
    assertThat(shepherd.command(ALICE, "freeze all")).contains("freeze all takes a reason");
    assertThat(shepherd.command(ALICE, "freeze all INC-9 payments down"))
        .isEqualTo(
            ":ice_cube: every partition is frozen: no rollout starts anywhere until"
                + " `/rollout unfreeze all`");

    for (String cell : List.of("cell-1", "cell-4")) {
      assertThat(shepherd.command(OPERATOR, cell + " oam-secrets"))
          .contains(
              ":no_entry: every" + " partition is frozen by <@U0ALICE> since ",
              ": INC-9 payments down. An approver can lift it with" + " /rollout unfreeze all");
    }
    assertThat(shepherd.command(OPERATOR, "status"))
        .contains(":ice_cube: *every partition* is" + " frozen by <@U0ALICE>: INC-9 payments down");
    assertThat(shepherd.command(ALICE, "unfreeze all"))
        .isEqualTo("Every partition is open for" + " rollouts again");
    assertThat(shepherd.command(OPERATOR, "cell-1 oam-secrets"))
        .isEqualTo("Starting oam-secrets on cell-1…");
  }

  @Test
  void statusShowsEachWaveCountedWithRunningOnesLinked() throws Exception {
    start(CELLS);
    shepherd.command(OPERATOR, "cell-1 oam-secrets");
    shepherd.walk(shepherd.root("cell-1").ts(), 3, List.of(BOB));
    shepherd.summary("cell-1");
    shepherd.command(OPERATOR, "cell-2 oam-secrets");
    FakeSlack.Message root = shepherd.root("cell-2");
    shepherd.openStep(root.ts(), 1); // posted into the thread, so the thread is bound

    String status = shepherd.command(OPERATOR, "status");

    assertThat(status).startsWith("*oam-secrets* at ");
    assertThat(status).contains("\n• *first* (1): :white_check_mark: all done");
    assertThat(status)
        .containsPattern(
            "\n• \\*cells\\* \\(4\\): 0 done · 1 running \\(<[^|>]+"
                + root.ts().replace(".", "")
                + "[^|>]*\\|cell-2>\\) · 3 waiting");
  }
}
