package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message a person clicked answers the click through the response URL Slack sent with it,
 * outside chat.update's workspace tier; a URL Slack no longer takes (past 30 minutes, or used five
 * times) falls back to chat.update. The fake Slack holds response URLs to those rules.
 */
@Timeout(120)
class ClickResponseEndToEndTest {
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
  void theClickedMessageIsRedrawnThroughItsResponseUrlAndNotAgainByTheSync() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step = shepherd.openStep(thread, 1);

    shepherd.click(OPERATOR, step, ActionIds.DONE);
    shepherd.await(
        "step 1 shown done", m -> m.ts().equals(step.ts()) && m.button(ActionIds.DONE).isEmpty());
    // Later syncs (the next click's) draw step 1 again: had the ledger not recorded the
    // response's redraw, one of them would update it once more.
    shepherd.walk(thread, 2, 2, List.of(BOB));
    shepherd.openStep(thread, 3);

    List<FakeSlack.Call> redraws = redraws(step.ts());
    assertThat(redraws).extracting(FakeSlack.Call::method).containsExactly("response_url");
    assertThat(redraws.get(0).param("replace_original")).isEqualTo("true");
    assertThat(redraws.get(0).ts()).as("Slack took it").doesNotStartWith("failed");
  }

  @Test
  void anExpiredResponseUrlFallsBackToChatUpdate() throws Exception {
    clickWithResponseUrlsAs(Duration.ofMinutes(31), 0, "failed:expired_url");
  }

  @Test
  void aUsedUpResponseUrlFallsBackToChatUpdate() throws Exception {
    clickWithResponseUrlsAs(Duration.ZERO, FakeSlack.RESPONSE_URL_USES, "failed:used_url");
  }

  private void clickWithResponseUrlsAs(Duration age, int uses, String refusal) throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step = shepherd.openStep(thread, 1);
    shepherd.slack.issueResponseUrlsAs(age, uses);

    shepherd.click(OPERATOR, step, ActionIds.DONE);
    shepherd.await(
        "step 1 shown done", m -> m.ts().equals(step.ts()) && m.button(ActionIds.DONE).isEmpty());

    List<FakeSlack.Call> redraws = redraws(step.ts());
    assertThat(redraws)
        .extracting(FakeSlack.Call::method, FakeSlack.Call::ts)
        .as("refused by Slack, then updated the paced way")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("response_url", refusal),
            org.assertj.core.groups.Tuple.tuple("chat.update", step.ts()));
  }

  /** Every call that redrew (or tried to redraw) the message {@code ts}, in order. */
  private List<FakeSlack.Call> redraws(String ts) {
    return shepherd.slack.calls().stream()
        .filter(
            c ->
                (c.method().equals("chat.update") && c.param("ts").equals(ts))
                    || (c.method().equals("response_url")
                        && (c.ts().endsWith("|" + ts) || c.ts().startsWith("failed"))))
        .toList();
  }
}
