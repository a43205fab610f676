package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CONFIG;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through signed Slack requests: an approver clicks Approve on a step drawn before Shepherd was
 * restarted with another value for the step's variable. The click is refused, the approver alone is
 * told why, the step is redrawn as it would now run, and an approval of the redrawn step is
 * recorded with the fingerprint of what the approver saw.
 */
@Timeout(120)
class DrawnApprovalEndToEndTest {
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
  void anApprovalOfAStepRedrawnSinceItWasDrawnIsRefusedAndTheStepRedrawn() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, List.of());
    FakeSlack.Message drawn = shepherd.openStep(thread, 2);
    String before = drawn.button(ActionIds.APPROVE).orElseThrow();
    assertThat(drawn.allText()).contains("--vault Arda-DevOAM");

    shepherd.stop();
    Files.writeString(
        folder.resolve("shepherd.yaml"), CONFIG.replace("Arda-DevOAM", "Arda-DevOAM-Blue"));
    shepherd.start();
    shepherd.click(ALICE, drawn, ActionIds.APPROVE);

    FakeSlack.Call told =
        shepherd
            .slack
            .await(
                "the approver told the step changed",
                calls ->
                    calls.stream()
                        .anyMatch(
                            c ->
                                c.method().equals("chat.postEphemeral")
                                    && ALICE.equals(c.param("user"))),
                WAIT)
            .stream()
            .filter(c -> c.method().equals("chat.postEphemeral"))
            .findFirst()
            .orElseThrow();
    assertThat(told.param("text"))
        .startsWith(":no_entry: step 2 (Deploy the stack) changed after it was drawn for you")
        .contains("your approve was not recorded");
    FakeSlack.Message redrawn =
        shepherd.await(
            "step 2 redrawn with the new vault",
            m ->
                m.ts().equals(drawn.ts())
                    && m.allText().contains("--vault Arda-DevOAM-Blue")
                    && m.button(ActionIds.APPROVE).isPresent());
    String after = redrawn.button(ActionIds.APPROVE).orElseThrow();
    assertThat(after).isNotEqualTo(before);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    assertThat(approvals(rollout))
        .singleElement()
        .satisfies(a -> assertThat(a.accepted()).isFalse());

    shepherd.click(ALICE, redrawn, ActionIds.APPROVE);
    shepherd.slack.await(
        "the approval recorded",
        calls -> approvals(rollout).stream().anyMatch(Acknowledgement::accepted),
        WAIT);
    assertThat(approvals(rollout))
        .filteredOn(Acknowledgement::accepted)
        .singleElement()
        .satisfies(
            a -> assertThat(a.drawn()).contains(after.substring(after.indexOf(":sha256:") + 1)));
  }

  private List<Acknowledgement> approvals(Rollout rollout) {
    return shepherd.shepherd.rollouts().trail(rollout.id()).stream()
        .filter(a -> a.action() == Action.APPROVE)
        .toList();
  }
}
