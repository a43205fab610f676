package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.Awaiting;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdChild;
import dev.shepherd.testing.ShepherdUnderTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shepherd is killed with SIGKILL in the middle of a post, and a new process takes over the same H2
 * file: a post that never reached Slack appears within ten seconds of the restart, and a post Slack
 * took before the answer was lost is found through its metadata, not posted again.
 */
@Timeout(180)
class OwedPostsAfterCrashTest {
  private static final Duration SOON = Duration.ofSeconds(10);

  @TempDir Path folder;
  FakeSlack slack;
  ShepherdUnderTest shepherd;
  Process child;

  @BeforeEach
  void startInAnotherJvm() throws Exception {
    slack = new FakeSlack();
    String url = "jdbc:h2:file:" + folder.resolve("data").resolve("shepherd").toAbsolutePath();
    shepherd = ShepherdUnderTest.notStarted(folder, slack, url);
    child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ShepherdChild.class.getName(),
                folder.toString(),
                url,
                slack.apiUrl())
            .redirectError(
                ProcessBuilder.Redirect.appendTo(
                    Path.of("target", "owed-posts-child.log").toFile()))
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
      // the child's start-up
    }
    assertThat(line).as("the child started (see target/owed-posts-child.log)").isNotNull();
    shepherd.sendTo(Integer.parseInt(line.substring("PORT ".length())));
  }

  @AfterEach
  void stop() {
    if (child != null) {
      child.destroyForcibly();
    }
    shepherd.close();
  }

  @Test
  void aStepPostKilledInFlightAppearsOnceSoonAfterTheRestart() throws Exception {
    slack.holdNextPost(post -> post.getOrDefault("text", "").startsWith("Step 3 of 3"), false);
    assertThat(shepherd.command(OPERATOR, "dev")).startsWith("Starting");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, 2, List.of(ALICE));
    awaitHeld();

    kill();
    long restart = System.nanoTime();
    shepherd.start();
    shepherd.await(
        "step 3, after the restart",
        m -> thread.equals(m.threadTs()) && m.text().startsWith("Step 3 of 3"));
    assertThat(Duration.ofNanos(System.nanoTime() - restart))
        .as("from restart to step 3")
        .isLessThan(SOON);

    shepherd.walk(thread, 3, 3, List.of());
    shepherd.summary("dev");
    assertThat(posts("Step 3 of 3")).as("step 3 posted once").isEqualTo(1);
  }

  @Test
  void aSummarySlackTookBeforeTheKillIsFoundNotPostedAgain() throws Exception {
    slack.holdNextPost(
        post ->
            !post.containsKey("thread_ts") && post.getOrDefault("text", "").contains("completed"),
        true);
    assertThat(shepherd.command(OPERATOR, "dev")).startsWith("Starting");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, 2, List.of(ALICE));
    // Done on step 3 ends the rollout; the summary comes first, so nothing after it is awaited.
    shepherd.click(OPERATOR, shepherd.openStep(thread, 3), ActionIds.DONE);
    awaitHeld();
    String summaryTs = shepherd.summary("dev").ts();

    kill();
    shepherd.start();
    // The restart redraws the thread's messages with the rollout's end; the summary must be
    // recorded (redrawn in place at most), never posted a second time.
    slack.await(
        "the summary found and redrawn",
        calls ->
            calls.stream()
                .anyMatch(c -> c.method().equals("chat.update") && summaryTs.equals(c.param("ts"))),
        SOON);
    // Two sweeps after the restart (a marker rollout only a sweep draws): nothing more posted.
    Sweeps.awaitTwo(shepherd, "oam-secrets", "dev");
    assertThat(
            slack.messages().stream().filter(m -> m.isTopLevel() && ShepherdUnderTest.isSummary(m)))
        .as("summaries in the channel")
        .hasSize(1);
    assertThat(slack.calls("conversations.history")).as("Slack was asked").isNotEmpty();
  }

  private void awaitHeld() throws InterruptedException {
    Awaiting.until("a post held in flight", ShepherdUnderTest.WAIT, () -> !slack.held().isEmpty());
    assertThat(slack.held()).as("the post held in flight").hasSize(1);
  }

  private void kill() throws InterruptedException {
    child.destroyForcibly(); // SIGKILL on Linux: the post's answer never arrives
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);
  }

  private long posts(String prefix) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> !c.ts().startsWith("failed") && c.param("text").startsWith(prefix))
        .count();
  }
}
