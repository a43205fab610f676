package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.testing.Awaiting;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout in a private channel shows only to the channel's members: on the Home tab, in {@code
 * status}, {@code list} and {@code stats}; a public channel's to everyone.
 */
@Timeout(120)
class VisibilityEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PRIVATE = "C0PRIVATE";

  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @BeforeEach
  void start(DatabaseExtension db) throws Exception {
    FakeSlack slack = new FakeSlack();
    slack.channel(PRIVATE, true, true, List.of(OPERATOR, ALICE));
    shepherd =
        new ShepherdUnderTest(
            folder,
            slack,
            db.url(),
            ShepherdUnderTest.CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of("SHEPHERD_DB_USER", db.user(), "SHEPHERD_DB_PASSWORD", db.password()));
  }

  @AfterEach
  void stop() {
    shepherd.close();
  }

  @DatabaseTest
  void theHomeTabOfAMemberNotInAPrivateChannelDoesNotListItsRollout() throws Exception {
    assertThat(command(OPERATOR, PRIVATE, "dev oam-secrets")).startsWith("Starting");
    String thread = shepherd.root("dev").ts();
    String link = thread.replace(".", "");

    Awaiting.until(
        "the private thread recorded",
        ShepherdUnderTest.WAIT,
        () -> shepherd.shepherd.rollouts().active().get(0).thread().threadId().isPresent());
    openHome(ALICE);
    openHome(BOB);

    assertThat(published(ALICE)).contains("Active rollouts", link);
    assertThat(published(BOB)).contains("Active rollouts").doesNotContain(link, PRIVATE);
  }

  @DatabaseTest
  void statusShowsAPrivateChannelsRolloutToItsMembersOnly() throws Exception {
    assertThat(command(OPERATOR, PRIVATE, "dev oam-secrets")).startsWith("Starting");
    String thread = shepherd.root("dev").ts();
    String link = thread.replace(".", "");

    // The thread is linked once its root is recorded: Alice, a member, sees it then.
    Awaiting.until(
        "Alice's status to link the private thread",
        ShepherdUnderTest.WAIT,
        () -> command(ALICE, ShepherdUnderTest.CHANNEL, "status").contains(link));
    assertThat(command(BOB, ShepherdUnderTest.CHANNEL, "status"))
        .doesNotContain(link, PRIVATE, "oam-secrets");
  }

  @DatabaseTest
  void listAndStatsCountAPrivateChannelsRunOnlyForItsMembers() throws Exception {
    assertThat(command(OPERATOR, PRIVATE, "dev oam-secrets")).startsWith("Starting");
    shepherd.walk(shepherd.root("dev").ts(), 3, List.of(BOB));
    shepherd.summary("dev");

    assertThat(command(ALICE, ShepherdUnderTest.CHANNEL, "list"))
        .contains("dev :white_check_mark:");
    assertThat(command(BOB, ShepherdUnderTest.CHANNEL, "list")).contains("dev ·");
    assertThat(command(ALICE, ShepherdUnderTest.CHANNEL, "stats oam-secrets"))
        .doesNotContain("has no history yet");
    assertThat(command(BOB, ShepherdUnderTest.CHANNEL, "stats oam-secrets"))
        .contains("oam-secrets has no history yet");
  }

  private String command(String user, String channel, String text) throws Exception {
    return JSON.readTree(shepherd.requests.command(user, channel, text).body())
        .path("text")
        .asText();
  }

  private void openHome(String user) throws Exception {
    String event =
        "{\"token\":\"unused\",\"team_id\":\"T0TEAM\",\"api_app_id\":\"A0SHEPHERD\","
            + "\"event\":{\"type\":\"app_home_opened\",\"user\":\""
            + user
            + "\",\"channel\":\"D0HOME\","
            + "\"tab\":\"home\",\"event_ts\":\"1764000011.000001\"},\"type\":\"event_callback\","
            + "\"event_id\":\"Ev0"
            + user
            + "\",\"event_time\":1764000011}";
    assertThat(shepherd.requests.postJson(event).statusCode()).isEqualTo(200);
  }

  /** The first Home tab published for a user, as JSON text. */
  private String published(String user) throws Exception {
    return shepherd
        .slack
        .await(
            "a views.publish for " + user,
            all ->
                all.stream()
                    .anyMatch(
                        c -> c.method().equals("views.publish") && c.param("user_id").equals(user)),
            Duration.ofSeconds(10))
        .stream()
        .filter(c -> c.method().equals("views.publish") && c.param("user_id").equals(user))
        .findFirst()
        .orElseThrow()
        .param("view");
  }
}
