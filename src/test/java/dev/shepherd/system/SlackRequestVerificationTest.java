package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every request to /slack/events is checked: signature, timestamp, and that it can be read. */
class SlackRequestVerificationTest {
  /** Slack's published signing example (api.slack.com, "Verifying requests from Slack"). */
  static final String EXAMPLE_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  static final String EXAMPLE_TIMESTAMP = "1531420618";
  static final String EXAMPLE_BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain="
          + "testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
          + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F"
          + "T1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
          + "803a0bc887a14d10d2c447fce8b6703c";
  static final String EXAMPLE_SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

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
  void slacksPublishedExampleSignsAndVerifies() {
    assertThat(SignedRequests.sign(EXAMPLE_SECRET, EXAMPLE_TIMESTAMP, EXAMPLE_BODY))
        .isEqualTo(EXAMPLE_SIGNATURE);
    SlackSignature.Verifier verifier =
        new SlackSignature.Verifier(new SlackSignature.Generator(EXAMPLE_SECRET));
    long then = Long.parseLong(EXAMPLE_TIMESTAMP) * 1000;
    assertThat(verifier.isValid(EXAMPLE_TIMESTAMP, EXAMPLE_BODY, EXAMPLE_SIGNATURE, then)).isTrue();
    assertThat(verifier.isValid(EXAMPLE_TIMESTAMP, EXAMPLE_BODY + "x", EXAMPLE_SIGNATURE, then))
        .isFalse();
  }

  @Test
  void theExampleRequestItselfIsRefusedTodayBecauseItsTimestampIsYearsOld() throws Exception {
    HttpResponse<String> response =
        shepherd.requests.post(EXAMPLE_BODY, EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE);

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void wrongSignatureIsRefusedAndChangesNothing() throws Exception {
    String body = commandBody("dev oam-secrets");
    String now = SignedRequests.now();

    HttpResponse<String> forged =
        shepherd.requests.post(body, now, SignedRequests.sign("not-the-secret", now, body));

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
  }

  @Test
  void timestampOlderThanFiveMinutesIsRefusedEvenWhenSigned() throws Exception {
    String old = String.valueOf(System.currentTimeMillis() / 1000 - 301);

    HttpResponse<String> stale = shepherd.requests.post(commandBody("dev oam-secrets"), old);

    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
  }

  @Test
  void malformedPayloadGetsA400AnEmptyOneA200AndTheServerKeepsServing() throws Exception {
    HttpResponse<String> garbage =
        shepherd.requests.post("payload=%7Bnot-json", SignedRequests.now());
    HttpResponse<String> typeless = shepherd.requests.post("payload=%7B%7D", SignedRequests.now());
    HttpResponse<String> unknownAction =
        shepherd.requests.click(
            OPERATOR, "C0DEPLOYS", "1.1", null, "shepherd.dance", "not-a-value");

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).doesNotContain("Exception");
    // Signed JSON with no type is a shape Slack may send, however empty: acked (#26).
    assertThat(typeless.statusCode()).isEqualTo(200);
    // A button of Shepherd's with a value it cannot read is acked (Slack shows an error otherwise).
    assertThat(unknownAction.statusCode()).isEqualTo(200);
    assertThat(shepherd.command(OPERATOR, "help")).contains("/rollout status");
  }

  @Test
  void unknownSlashCommandIsAckedNotRefused() throws Exception {
    String body =
        SignedRequests.formBody(
            Map.of(
                "command",
                "/deploy",
                "text",
                "prod",
                "user_id",
                OPERATOR,
                "channel_id",
                "C0DEPLOYS",
                "team_id",
                "T0TEAM",
                "trigger_id",
                "t1"));

    HttpResponse<String> response = shepherd.requests.post(body, SignedRequests.now());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
  }

  private static String commandBody(String text) {
    return SignedRequests.formBody(
        Map.of(
            "command",
            "/rollout",
            "text",
            text,
            "user_id",
            OPERATOR,
            "channel_id",
            "C0DEPLOYS",
            "team_id",
            "T0TEAM",
            "trigger_id",
            "t-" + System.nanoTime(),
            "response_url",
            "http://127.0.0.1:1/x"));
  }
}
