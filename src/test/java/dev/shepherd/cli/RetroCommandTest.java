package dev.shepherd.cli;

import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Action;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shepherd retro}: a stored rollout's retrospective, to stdout or a file. */
class RetroCommandTest {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private Database database;
  private Rollout rollout;

  @BeforeEach
  void aCompletedRollout() {
    database = Database.open(url, "", "", null);
    EngineFixture engine = new EngineFixture(database);
    rollout = engine.started("dev");
    for (int step = 1; step <= 4; step++) {
      engine.clock.advance(Duration.ofSeconds(65));
      if (step == 2) {
        accepted(engine.act(rollout, Action.APPROVE, 2, EngineFixture.ALICE));
      }
      rollout = accepted(engine.act(rollout, Action.DONE, step, OPERATOR));
    }
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  @Test
  void printsTheRetrospective() {
    Cli.Result result = Cli.run("retro", rollout.id(), "--db", url);

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith(
            """
        # Retrospective: oam-secrets on dev, 2026-11-27

        - **Runbook:** `oam-secrets` (oam-secrets.md) at commit `rev-1`
        - **Partition:** dev
        - **Outcome:** completed in 4m 20s
        - **Date:** 2026-11-27 09:00 UTC
        """)
        .contains("| 2. Deploy | done | U0OPERATOR; approved by U0ALICE | 1m 5s | — |\n")
        .endsWith("## Proposed runbook changes\n\nNone.\n");
  }

  @Test
  void writesItToAFileWithOut(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("retro.md");

    Cli.Result result = Cli.run("retro", rollout.id(), "--db", url, "--out", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(Files.readString(file))
        .startsWith("# Retrospective: oam-secrets on dev, 2026-11-27\n")
        .isEqualTo(Cli.run("retro", rollout.id(), "--db", url).out());
  }

  @Test
  void anUnknownRolloutIsAClearErrorWithTheExitCodeOfTheOtherCommands() {
    Cli.Result result = Cli.run("retro", "no-such-rollout", "--db", url);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("shepherd retro: no rollout no-such-rollout in this database\n");
  }

  @Test
  void aDatabaseThatIsNotThereIsSaidSo(@TempDir Path folder) {
    Cli.Result result =
        Cli.run("retro", rollout.id(), "--db", "jdbc:h2:file:" + folder.resolve("nothing"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("shepherd retro: no Shepherd database at ")
        .endsWith(": point --db or SHEPHERD_DB_URL at the one serve uses\n");
  }

  @Test
  void aFileThatCannotBeWrittenIsSaidSo(@TempDir Path folder) {
    Path file = folder.resolve("missing-folder").resolve("retro.md");

    Cli.Result result = Cli.run("retro", rollout.id(), "--db", url, "--out", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("shepherd retro: cannot write " + file + ": ");
  }
}
