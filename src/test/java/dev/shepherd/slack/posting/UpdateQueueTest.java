package dev.shepherd.slack.posting;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.shepherd.chat.CallAllowance;
import dev.shepherd.chat.LocalCallAllowance;
import dev.shepherd.chat.LocalDrawingLock;
import dev.shepherd.chat.MessageLedger;
import dev.shepherd.slack.view.SlackMessage;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcMessageLedger;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The updates waiting for the workspace's allowance go most urgent first, each message's latest
 * drawing alone, against the fake Slack's chat.update. The allowance runs on a clock the test
 * moves, one update at a time: what is asserted is the order Slack saw, never a duration.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class UpdateQueueTest {
  private static final String CHANNEL = "C0DEPLOYS";
  private static final Duration ONE_UPDATE = Duration.ofSeconds(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private FakeSlack slack;
  private Database database;
  private MessageLedger ledger;
  private UpdateQueue queue;

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    database =
        Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", null);
    ledger = new JdbcMessageLedger(database.dataSource(), "p1", false);
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    ChatGateway gateway =
        new WebApiGateway(
            Slack.getInstance(config).methods("xoxb-test"),
            new ChannelPacer(Duration.ZERO),
            new SimpleMeterRegistry());
    CallAllowance budget = new LocalCallAllowance(new CallAllowance.Rate(60, 1), clock.instant());
    assertThat(budget.take(clock.instant())).as("the allowance spent: updates wait").isZero();
    queue = new UpdateQueue(gateway, budget, ledger, new LocalDrawingLock(), clock);
  }

  @AfterEach
  void tearDown() {
    queue.close();
    database.close();
    slack.close();
  }

  @Test
  void aClickedMessageOvertakesTheRedrawsQueuedBeforeIt() throws Exception {
    submit("step:forward:1", "100.000001", "step one, cosmetic", Urgency.COSMETIC);
    submit("step:forward:2", "100.000002", "step two, cosmetic", Urgency.COSMETIC);
    submit("root", "100.000000", "the root, watched", Urgency.WATCHED);
    submit("step:forward:3", "100.000003", "step three, clicked", Urgency.CLICKED);

    assertThat(sentInTurn(4))
        .containsExactly(
            "step three, clicked", "the root, watched", "step one, cosmetic", "step two, cosmetic");
  }

  @Test
  void onlyAMessagesLatestDrawingIsSentAtItsMostUrgent() throws Exception {
    submit("step:forward:1", "100.000001", "step one, first drawing", Urgency.COSMETIC);
    submit("step:forward:2", "100.000002", "step two", Urgency.COSMETIC);
    submit("step:forward:1", "100.000001", "step one, latest drawing", Urgency.CLICKED);
    submit("step:forward:1", "100.000001", "step one, redrawn again", Urgency.COSMETIC);

    assertThat(sentInTurn(2)).containsExactly("step one, redrawn again", "step two");
  }

  @Test
  void aMessageTheLedgerShowsDrawnAlreadyIsNotSentAgain() throws Exception {
    submit("step:forward:1", "100.000001", "drawn by its response URL meanwhile", Urgency.COSMETIC);
    submit("step:forward:2", "100.000002", "step two", Urgency.COSMETIC);
    ledger.posted(
        "r1",
        "step:forward:1",
        "100.000001",
        ThreadSync.signature(message("drawn by its response URL meanwhile")),
        1);

    assertThat(sentInTurn(1)).containsExactly("step two");
  }

  @Test
  void aSlowSyncsOlderDrawingDoesNotReplaceANewerOneWaiting() throws Exception {
    submit("step:forward:1", "100.000001", "drawn after the click", Urgency.CLICKED, 2);
    submit("step:forward:1", "100.000001", "drawn before the click", Urgency.COSMETIC, 1);

    assertThat(sentInTurn(1)).containsExactly("drawn after the click");
  }

  @Test
  void aDrawingFromAnOlderStateThanTheMessageShowsIsNotSent() throws Exception {
    // The sync read the rollout at version 1; a click's answer drew version 2 and recorded it
    // before the sync looked the message up, so the sync saw what the message shows as current.
    ledger.claim(
        "r1", "step:forward:2", CHANNEL, clock.instant(), clock.instant().minusSeconds(60));
    ledger.posted("r1", "step:forward:2", "100.000002", "done, answered by the click", 2);
    SlackMessage stale = message("waiting, drawn from before the click");
    queue.submit(
        "r1",
        "step:forward:2",
        CHANNEL,
        "100.000002",
        stale,
        ThreadSync.signature(stale),
        Optional.of("done, answered by the click"),
        Urgency.COSMETIC,
        1);
    submit("step:forward:3", "100.000003", "step three", Urgency.COSMETIC);

    assertThat(sentInTurn(1)).containsExactly("step three");
  }

  /**
   * Gives the allowance one update at a time until {@code updates} were sent, then queues a marker
   * and returns what Slack was sent, in order, up to the marker: nothing else slipped in.
   */
  private List<String> sentInTurn(int updates) throws Exception {
    for (int i = 1; i <= updates; i++) {
      giveOneUntil(i);
    }
    submit("marker", "100.000099", "marker", Urgency.COSMETIC);
    giveOneUntil(updates + 1);
    List<String> sent = updates(slack.calls());
    assertThat(sent).last().isEqualTo("marker");
    return sent.subList(0, sent.size() - 1);
  }

  /**
   * Moves the allowance's clock on, one update's worth at a time, until {@code count} were sent.
   */
  private void giveOneUntil(int count) throws Exception {
    for (int tries = 0; tries < 20; tries++) {
      clock.advance(ONE_UPDATE);
      try {
        slack.await(count + " update(s)", c -> updates(c).size() >= count, Duration.ofSeconds(2));
        return;
      } catch (AssertionError notYet) {
        // the allowance's token went to an update that was drawn already: one more
      }
    }
    throw new AssertionError("never sent " + count + " update(s):\n" + slack.describe());
  }

  private static List<String> updates(List<FakeSlack.Call> calls) {
    return calls.stream()
        .filter(c -> c.method().equals("chat.update"))
        .map(c -> c.param("text"))
        .toList();
  }

  private void submit(String key, String ts, String text, Urgency urgency) {
    submit(key, ts, text, urgency, 1);
  }

  private void submit(String key, String ts, String text, Urgency urgency, int version) {
    ledger.claim("r1", key, CHANNEL, clock.instant(), clock.instant().minusSeconds(60));
    ledger.posted("r1", key, ts, "as first posted", 1);
    SlackMessage message = message(text);
    queue.submit(
        "r1",
        key,
        CHANNEL,
        ts,
        message,
        ThreadSync.signature(message),
        Optional.of("as first posted"),
        urgency,
        version);
  }

  private static SlackMessage message(String text) {
    List<LayoutBlock> blocks =
        List.of(
            SectionBlock.builder().text(MarkdownTextObject.builder().text(text).build()).build());
    return new SlackMessage(text, blocks);
  }
}
