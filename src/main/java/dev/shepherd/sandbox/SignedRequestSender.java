package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What Slack sends an app, built and signed as Slack builds and signs it: a slash command as a
 * form, a click as a {@code block_actions} payload, a modal's submit as a {@code view_submission}
 * payload, each POSTed to Shepherd's {@code /slack/events} with {@code X-Slack-Signature} = {@code
 * v0=} + hex HMAC-SHA256(signing secret, {@code v0:timestamp:body}).
 */
final class SignedRequestSender {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Shepherd's answer: its HTTP status and body. */
  record Answer(int status, String body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String secret;
  private final InteractionHandleIssuer interactions;
  private final String responseBase;
  private final Clock clock;
  private volatile URI events;

  /**
   * @param responseBase where the stand-in answers response URLs ({@code http://127.0.0.1:port})
   */
  SignedRequestSender(
      String secret, InteractionHandleIssuer interactions, String responseBase, Clock clock) {
    this.secret = secret;
    this.interactions = interactions;
    this.responseBase = responseBase;
    this.clock = clock;
  }

  /** Where Shepherd listens, known once it started. */
  void target(URI events) {
    this.events = events;
  }

  /** {@code /rollout text}, typed by {@code user} in the channel. */
  Answer command(People.Person user, String command, String text)
      throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "sandbox-verification-token");
    form.put("team_id", Sandbox.TEAM_ID);
    form.put("team_domain", "sandbox");
    form.put("channel_id", Channel.ID);
    form.put("channel_name", Channel.NAME);
    form.put("user_id", user.id());
    form.put("user_name", user.name().toLowerCase());
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", Sandbox.APP_ID);
    form.put("is_enterprise_install", "false");
    form.put("response_url", responseBase + interactions.responsePath(user.id(), null));
    form.put("trigger_id", interactions.trigger(user.id()));
    return post(form(form));
  }

  /**
   * A click on an element of a message: {@code action} is the element as drawn, plus {@code
   * block_id}, {@code action_ts} and, for checkboxes, {@code selected_options}.
   */
  Answer click(People.Person user, Channel.Message message, ObjectNode action)
      throws IOException, InterruptedException {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    user(payload.putObject("user"), user);
    payload.put("api_app_id", Sandbox.APP_ID);
    payload.put("token", "sandbox-verification-token");
    ObjectNode container = payload.putObject("container");
    container
        .put("type", "message")
        .put("message_ts", message.ts())
        .put("channel_id", Channel.ID)
        .put("is_ephemeral", message.visibleTo() != null);
    if (message.threadTs() != null) {
      container.put("thread_ts", message.threadTs());
    }
    payload.put("trigger_id", interactions.trigger(user.id()));
    payload.putObject("team").put("id", Sandbox.TEAM_ID).put("domain", "sandbox");
    payload.put("is_enterprise_install", false);
    payload.putObject("channel").put("id", Channel.ID).put("name", Channel.NAME);
    if (message.visibleTo() == null) {
      ObjectNode shown = payload.putObject("message");
      shown
          .put("type", "message")
          .put("user", message.user())
          .put("text", message.text())
          .put("ts", message.ts());
      if (message.user().equals(People.BOT_USER)) {
        shown.put("bot_id", People.BOT_ID).put("app_id", Sandbox.APP_ID);
      }
      if (message.threadTs() != null) {
        shown.put("thread_ts", message.threadTs());
      }
      shown.set("blocks", message.blocks());
    }
    payload.putObject("state").putObject("values");
    payload.put(
        "response_url",
        responseBase
            + interactions.responsePath(
                user.id(),
                message.threadTs() != null ? message.threadTs() : message.ts(),
                message.visibleTo() == null ? message.ts() : null));
    payload.putArray("actions").add(action);
    return post(form(Map.of("payload", payload.toString())));
  }

  /** The submit of a modal, its inputs as {@code state.values[block_id][action_id]}. */
  Answer submit(People.Person user, JsonNode view, ObjectNode values)
      throws IOException, InterruptedException {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "view_submission");
    payload.putObject("team").put("id", Sandbox.TEAM_ID).put("domain", "sandbox");
    user(payload.putObject("user"), user);
    payload.put("api_app_id", Sandbox.APP_ID);
    payload.put("token", "sandbox-verification-token");
    payload.put("trigger_id", interactions.trigger(user.id()));
    ObjectNode submitted = ((ObjectNode) view).deepCopy();
    submitted.putObject("state").set("values", values);
    payload.set("view", submitted);
    payload.putArray("response_urls");
    payload.put("is_enterprise_install", false);
    return post(form(Map.of("payload", payload.toString())));
  }

  /** A Slack timestamp for an action: now, {@code seconds.micros}. */
  String actionTs() {
    long micros = clock.millis() * 1000;
    return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
  }

  static String sign(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private Answer post(String body) throws IOException, InterruptedException {
    URI target = Objects.requireNonNull(events, "Shepherd has not started yet");
    String timestamp = String.valueOf(clock.millis() / 1000);
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", timestamp)
            .header("X-Slack-Signature", sign(secret, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private static void user(ObjectNode node, People.Person user) {
    node.put("id", user.id())
        .put("username", user.name().toLowerCase())
        .put("name", user.name().toLowerCase())
        .put("team_id", Sandbox.TEAM_ID);
  }

  private static String form(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
