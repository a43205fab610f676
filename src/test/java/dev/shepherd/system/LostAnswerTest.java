package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.FakeSlack;
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
 * again, so the step is posted once and the rollout goes on; a look-alike someone else posted is
 * not taken for it.
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

  /**
   * A member planted a message in the thread carrying the metadata Shepherd's next step would
   * carry: looking for the lost post, Shepherd finds it and must not take it for its own. It posts
   * the step itself, and the planted message is never adopted, redrawn or clicked through.
   */
  @Test
  void aPlantedMessageWithShepherdsMetadataIsNotAdoptedAsALostPost() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
    assertThat(shepherd.command(OPERATOR, "dev")).startsWith("Starting");
    String thread = shepherd.root("dev").ts();
    String rollout = shepherd.shepherd.rollouts().active().get(0).id();
    String planted =
        shepherd.slack.plant(
            "C0DEPLOYS",
            thread,
            "all fine here, nothing to approve",
            "{\"event_type\":\"shepherd_message\",\"event_payload\":{\"rollout_id\":\""
                + rollout
                + "\",\"key\":\"step:forward:2\"}}",
            "U0MALLORY",
            "");
    // Slack never takes step 2's post, and its answer never comes: Shepherd asks what is there.
    shepherd.slack.holdNextPost(
        post -> post.getOrDefault("text", "").startsWith("Step 2 of 3"), false);

    shepherd.walk(thread, 1, 3, List.of(ALICE));
    shepherd.summary("dev");

    assertThat(shepherd.slack.held()).as("the post whose answer was lost").hasSize(1);
    assertThat(shepherd.slack.calls("conversations.replies")).as("Slack was asked").isNotEmpty();
    assertThat(
            shepherd.slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("text").startsWith("Step 2 of 3"))
                .filter(c -> !c.ts().startsWith("failed")))
        .as("step 2 posted by Shepherd after the lost one (never answered, so not listed)")
        .hasSize(1);
    assertThat(shepherd.slack.calls())
        .as("the planted message is never redrawn as Shepherd's")
        .noneMatch(
            c ->
                (c.method().equals("chat.update") || c.method().equals("response_url"))
                    && FakeSlack.redrawn(c).equals(planted));
  }
}
