package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack takes a post but its answer never arrives (the connection dies on the way back): when the
 * call times out, Shepherd asks Slack for the message by the key in its metadata before trying
 * again, so the step is posted once and the rollout goes on.
 */
@Timeout(90)
class LostAnswerTest {
  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    }
  }

  @Test
  void aPostWhoseAnswerWasLostIsFoundNotPostedAgain() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
    shepherd.slack.holdNextPost(
        post -> post.getOrDefault("text", "").startsWith("Step 2 of 3"), true);
    assertThat(shepherd.command(OPERATOR, "dev")).startsWith("Starting");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, 3, List.of(ALICE));
    shepherd.summary("dev");
    assertThat(shepherd.slack.held()).as("the post whose answer was lost").hasSize(1);
    assertThat(
            shepherd.slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("text").startsWith("Step 2 of 3")))
        .as("step 2 posted once")
        .hasSize(1);
    assertThat(shepherd.slack.calls("conversations.replies")).as("Slack was asked").isNotEmpty();
  }
}
