package dev.shepherd.slack.posting;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.shepherd.chat.CallAllowance;
import dev.shepherd.chat.PostAllowance;
import dev.shepherd.slack.view.SlackMessage;
import dev.shepherd.store.JdbcCallAllowance;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.FakeSlack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Two replicas (two gateways, each with its own pacer, on one database) post into one channel at
 * once, against a fake Slack that refuses a second post to a channel within the second as Slack's
 * per-channel limit does: they share the channel's allowance, so Slack refuses none.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SharedPostPacingTest {
  private static final Duration PACE = Duration.ofMillis(1000);
  private static final int POSTS_EACH = 4;

  private FakeSlack slack;
  private final List<ChatGateway> replicas = new ArrayList<>();

  @BeforeEach
  void twoReplicas(DatabaseExtension db) throws Exception {
    slack = new FakeSlack();
    slack.rateLimit(1, 1);
    CallAllowance.Rate rate = PostAllowance.perInterval(PACE);
    for (int i = 0; i < 2; i++) {
      PostAllowance shared =
          new PostAllowance(
              channel ->
                  new JdbcCallAllowance(
                      db.database().dataSource(), "chat.postMessage " + channel, rate));
      SlackConfig config = new SlackConfig();
      config.setMethodsEndpointUrlPrefix(slack.apiUrl());
      replicas.add(
          new WebApiGateway(
              Slack.getInstance(config).methods("xoxb-test"),
              new ChannelPacer(PACE, shared),
              new SimpleMeterRegistry()));
    }
  }

  @AfterEach
  void closeSlack() {
    slack.close();
  }

  @DatabaseTest
  void twoReplicasPostingIntoOneChannelMeetNo429() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> posts = new ArrayList<>();
      for (int i = 0; i < POSTS_EACH; i++) {
        for (ChatGateway replica : replicas) {
          // Two threads a replica, as its sync and its timers post at once.
          int n = i;
          posts.add(
              pool.submit(
                  () ->
                      replica.post(
                          "C0DEPLOYS",
                          Optional.empty(),
                          SlackMessage.ofText("post " + n),
                          new ChatGateway.MessageKey("r1", "k" + n + replica.hashCode()))));
        }
      }
      for (Future<String> post : posts) {
        assertThat(post.get()).isNotBlank();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(slack.calls("chat.postMessage")).hasSize(2 * POSTS_EACH);
    assertThat(slack.rateLimited()).as("posts Slack refused with 429").isZero();
  }
}
