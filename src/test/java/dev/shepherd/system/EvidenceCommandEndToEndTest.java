package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.STRANGER;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /rollout evidence <date>}: an approver is told, alone, who requested and who approved each
 * change of the day and what the record check says; anyone else is refused.
 */
@Timeout(120)
class EvidenceCommandEndToEndTest {
  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @BeforeEach
  void start() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
  }

  @AfterEach
  void stop() {
    shepherd.close();
  }

  @Test
  void anApproverIsToldTheDaysEvidenceAndNobodyElseIs() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    shepherd.walk(shepherd.root("dev").ts(), 3, List.of(ALICE));
    shepherd.summary("dev");
    String today = LocalDate.now(ZoneOffset.UTC).toString();

    assertThat(shepherd.command(STRANGER, "evidence " + today))
        .isEqualTo(
            ":no_entry: only approvers may see the change evidence: you approve no partition");
    assertThat(shepherd.command(ALICE, "evidence " + today))
        .isEqualTo("Gathering the change evidence of " + today + "; only you will see it.");

    FakeSlack.Call told =
        shepherd
            .slack
            .await(
                "the evidence told to the approver",
                calls ->
                    calls.stream()
                        .anyMatch(
                            c ->
                                c.method().equals("chat.postEphemeral")
                                    && c.param("text").contains("Change evidence")),
                WAIT)
            .stream()
            .filter(c -> c.method().equals("chat.postEphemeral"))
            .filter(c -> c.param("text").contains("Change evidence"))
            .findFirst()
            .orElseThrow();
    assertThat(told.param("user")).isEqualTo(ALICE);
    assertThat(told.param("text"))
        .startsWith(":card_index_dividers: *Change evidence of " + today + "*")
        .contains("• *dev* oam-secrets @ `")
        .contains("completed: requested by <@U0OPERATOR>, approved by <@U0ALICE>")
        .contains("verify: the chain of ")
        .endsWith(
            "The whole pack: `shepherd audit evidence --from " + today + " --to " + today + "`");
    assertThat(shepherd.slack.calls("chat.postEphemeral"))
        .noneMatch(c -> STRANGER.equals(c.param("user")));
  }
}
