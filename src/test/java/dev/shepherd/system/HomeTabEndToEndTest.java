package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The App Home tab: what waits for the viewer's approval, with a button that works there. */
class HomeTabEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
  void anApproverSeesTheStepWaitingForThemAndApprovesItFromHome() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    FakeSlack.Message root = shepherd.root("dev");
    shepherd.walk(root.ts(), 1, 1, List.of());
    shepherd.openStep(root.ts(), 2);

    openHome(ALICE);
    JsonNode home = published(ALICE, 1);
    assertThat(home.toString())
        .contains("Waiting for your approval", "step 2", "thread>")
        .contains("Active rollouts", "Frozen partitions", "Recent runs");
    JsonNode approve =
        home.findParents("action_id").stream()
            .filter(e -> e.path("action_id").asText().equals(ActionIds.APPROVE))
            .findFirst()
            .orElseThrow();

    ObjectNode click =
        (ObjectNode)
            JSON.readTree(
                URLDecoder.decode(
                    SignedRequests.clickBody(
                            ALICE,
                            CHANNEL,
                            "1",
                            null,
                            ActionIds.APPROVE,
                            approve.path("value").asText(),
                            "1764000500.000001",
                            "1.2.home")
                        .substring("payload=".length()),
                    StandardCharsets.UTF_8));
    click.remove("channel");
    click.remove("message");
    click.putObject("container").put("type", "view").put("view_id", "V0HOME");
    click.putObject("view").put("id", "V0HOME").put("type", "home");
    assertThat(
            shepherd
                .requests
                .post(
                    SignedRequests.formBody(Map.of("payload", click.toString())),
                    SignedRequests.now())
                .statusCode())
        .isEqualTo(200);

    assertThat(publishedWith(ALICE, "Nothing waits for you.").toString())
        .doesNotContain(ActionIds.APPROVE);
  }

  @Test
  void anOpenTabFollowsAnApprovalGivenInTheThread() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    FakeSlack.Message root = shepherd.root("dev");
    shepherd.walk(root.ts(), 1, 1, List.of());
    FakeSlack.Message step = shepherd.openStep(root.ts(), 2);
    openHome(ALICE);
    assertThat(published(ALICE, 1).toString()).contains("Waiting for your approval", "step 2");

    shepherd.click(ShepherdUnderTest.BOB, step, ActionIds.APPROVE);

    // Alice did not open the tab again: it followed on its own.
    assertThat(publishedWith(ALICE, "Nothing waits for you.").toString())
        .doesNotContain(ActionIds.APPROVE);
  }

  @Test
  void theOperatorIsNotAskedToApproveTheirOwnStep() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    FakeSlack.Message root = shepherd.root("dev");
    shepherd.walk(root.ts(), 1, 1, List.of());
    shepherd.openStep(root.ts(), 2);

    openHome(OPERATOR);

    assertThat(published(OPERATOR, 1).toString()).contains("Nothing waits for you.", "dev");
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

  /** The first view published for a user that shows a text. */
  private JsonNode publishedWith(String user, String text) throws Exception {
    List<FakeSlack.Call> calls =
        shepherd.slack.await(
            "a views.publish for " + user + " with " + text,
            all ->
                all.stream()
                    .anyMatch(
                        c ->
                            c.method().equals("views.publish")
                                && c.param("user_id").equals(user)
                                && c.param("view").contains(text)),
            Duration.ofSeconds(10));
    return JSON.readTree(
        calls.stream()
            .filter(
                c ->
                    c.method().equals("views.publish")
                        && c.param("user_id").equals(user)
                        && c.param("view").contains(text))
            .findFirst()
            .orElseThrow()
            .param("view"));
  }

  /** The view of the {@code n}th views.publish for a user. */
  private JsonNode published(String user, int n) throws Exception {
    List<FakeSlack.Call> calls =
        shepherd.slack.await(
            n + " views.publish for " + user,
            all ->
                all.stream()
                        .filter(
                            c ->
                                c.method().equals("views.publish")
                                    && c.param("user_id").equals(user))
                        .count()
                    >= n,
            Duration.ofSeconds(10));
    FakeSlack.Call call =
        calls.stream()
            .filter(c -> c.method().equals("views.publish") && c.param("user_id").equals(user))
            .skip(n - 1)
            .findFirst()
            .orElseThrow();
    return JSON.readTree(call.param("view"));
  }
}
