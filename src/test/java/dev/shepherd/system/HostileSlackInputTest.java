package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.PROD_LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input past what the record holds (a 41-character partition, a 2,100-character freeze reason, a
 * Skip reason over 2,000) is refused with the limit named, and the refused attempt is recorded,
 * clipped; payloads with every field empty or missing are acked 200, never a server error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class HostileSlackInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LONG_PARTITION = "p".repeat(41);

  ShepherdUnderTest shepherd;

  @BeforeAll
  void start(@TempDir Path folder) throws Exception {
    shepherd = new ShepherdUnderTest(folder);
  }

  @AfterAll
  void stop() {
    shepherd.close();
  }

  private String answer(String user, String text) throws Exception {
    HttpResponse<String> response = shepherd.requests.command(user, CHANNEL, text);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("text").asText();
  }

  /** The refused rows of the record, newest last: partition, user and detail. */
  private List<String> refusedRows() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(shepherd.dbUrl, "", "");
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT partition_name, action, detail FROM acknowledgements"
                        + " WHERE accepted = FALSE ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
    }
    return rows;
  }

  @Test
  void aStartOnAPartitionNameLongerThanTheRecordHoldsIsRefusedAndRecordedClipped()
      throws Exception {
    String text = answer(OPERATOR, LONG_PARTITION + " oam-secrets");

    assertThat(text).contains("at most 40 characters");
    assertThat(refusedRows())
        .contains(
            "p".repeat(40)
                + " start a partition name has at most 40 characters (this one has 41): shorten it");
  }

  @Test
  void anAbortOfAPartitionNameLongerThanTheRecordHoldsIsRefused() throws Exception {
    String text = answer(OPERATOR, "abort " + LONG_PARTITION);

    assertThat(text).contains("at most 40 characters");
  }

  @Test
  void aFreezeReasonLongerThanTheRecordHoldsIsRefusedAndRecordedClipped() throws Exception {
    String text = answer(PROD_LEAD, "freeze prod " + "r".repeat(2_100));

    assertThat(text).contains("at most 2000 characters");
    assertThat(refusedRows())
        .contains(
            "prod freeze a freeze reason has at most 2000 characters (this one has 2100): shorten"
                + " it");
    assertThat(shepherd.shepherd.rollouts().freezes()).isEmpty();
  }

  @Test
  void aFleetFreezeReasonLongerThanTheRecordHoldsIsRefusedAndRecordedClipped() throws Exception {
    String text = answer(PROD_LEAD, "freeze all " + "r".repeat(2_100));

    assertThat(text).contains("at most 2000 characters");
    assertThat(refusedRows())
        .anyMatch(
            row ->
                row.endsWith(
                    " freeze a freeze reason has at most 2000 characters (this one has 2100):"
                        + " shorten it"));
    assertThat(shepherd.shepherd.rollouts().freezes()).isEmpty();
  }

  @Test
  void aSkipReasonLongerThanTheRecordHoldsIsRefusedUnderItsField() throws Exception {
    answer(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);
    String metadata = step1.button(ActionIds.SKIP).orElseThrow();

    HttpResponse<String> submitted =
        shepherd.requests.post(
            SignedRequests.formBody(
                Map.of(
                    "payload",
                    SlackEndToEndTest.viewSubmission(ALICE, metadata, "s".repeat(2_100)))),
            SignedRequests.now());

    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
    assertThat(submitted.body()).contains("response_action").contains("at most 2000 characters");
    answer(OPERATOR, "abort dev");
  }

  @Test
  void aSlashCommandWithEveryFieldEmptyIsAcked() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    for (String field :
        List.of(
            "token",
            "team_id",
            "team_domain",
            "enterprise_id",
            "enterprise_name",
            "channel_id",
            "channel_name",
            "user_id",
            "user_name",
            "text",
            "response_url",
            "trigger_id",
            "api_app_id")) {
      form.put(field, "");
    }
    form.put("command", "/rollout");

    HttpResponse<String> response =
        shepherd.requests.post(SignedRequests.formBody(form), SignedRequests.now());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"type\":\"block_actions\"}",
        "{\"type\":\"block_actions\",\"actions\":[]}",
        "{\"type\":\"block_actions\",\"actions\":[{}]}",
        "{\"type\":\"view_submission\"}",
        "{\"type\":\"view_submission\",\"view\":{}}",
        "{\"type\":\"view_submission\",\"view\":{\"callback_id\":\"shepherd.skip\"}}",
        "{\"type\":\"view_closed\"}",
        "{\"type\":\"shortcut\"}",
        "{\"type\":\"message_action\"}",
      })
  void anInteractionPayloadHoweverEmptyIsAcked(String payload) throws Exception {
    HttpResponse<String> response =
        shepherd.requests.post(
            SignedRequests.formBody(Map.of("payload", payload)), SignedRequests.now());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"type\":\"event_callback\"}",
        "{\"type\":\"event_callback\",\"event\":{}}",
        "{\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}",
        "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_home_opened\"}}",
        "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\"}}",
      })
  void anEventPayloadHoweverEmptyIsAcked(String body) throws Exception {
    HttpResponse<String> response = shepherd.requests.postJson(body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
