package dev.shepherd.testing;

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
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends requests to Shepherd exactly as Slack does: form-encoded bodies, signed with {@code v0=} +
 * hex HMAC-SHA256(signing secret, {@code v0:timestamp:body}).
 */
public final class SignedRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;
  private final String secret;
  // Trigger ids and action_ts are unique per click in Slack; two clients here must not collide.
  private final AtomicLong sequence =
      new AtomicLong(1_764_000_000_000L + (System.nanoTime() & 0xFFFFFFL) * 1000);

  /** Where a click's response URL comes from: the fake Slack's, or one that answers nothing. */
  private final java.util.function.BinaryOperator<String> responseUrls;

  public SignedRequests(String url, String secret) {
    this(url, secret, (channel, messageTs) -> DEAD_RESPONSE_URL);
  }

  /**
   * @param responseUrls the response URL a click on a message gets, from its channel and ts, as
   *     Slack sends one with every block action ({@link FakeSlack#issueResponseUrl})
   */
  public SignedRequests(
      String url, String secret, java.util.function.BinaryOperator<String> responseUrls) {
    this.url = url;
    this.secret = secret;
    this.responseUrls = responseUrls;
  }

  /** A response URL nothing answers, for requests sent without a fake Slack behind them. */
  private static final String DEAD_RESPONSE_URL = "http://127.0.0.1:1/actions/T0TEAM/1/x";

  public static String sign(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code /rollout <text>} typed by a user in a channel. */
  public HttpResponse<String> command(String user, String channel, String text)
      throws IOException, InterruptedException {
    return post(commandBody(user, channel, text, "trigger-" + sequence.incrementAndGet()), now());
  }

  /** The form body Slack sends for {@code /rollout <text>}. */
  public static String commandBody(String user, String channel, String text, String triggerId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "verification-token-unused");
    form.put("team_id", "T0TEAM");
    form.put("team_domain", "example");
    form.put("channel_id", channel);
    form.put("channel_name", "deploys");
    form.put("user_id", user);
    form.put("user_name", user.toLowerCase());
    form.put("command", "/rollout");
    form.put("text", text);
    form.put("api_app_id", "A0SHEPHERD");
    form.put("response_url", "http://127.0.0.1:1/commands/T0TEAM/1/x");
    form.put("trigger_id", triggerId);
    return formBody(form);
  }

  /** A click on a button, as Slack's block_actions payload. */
  public HttpResponse<String> click(
      String user, String channel, String messageTs, String threadTs, String actionId, String value)
      throws IOException, InterruptedException {
    return click(user, channel, messageTs, threadTs, actionId, value, nextActionTs());
  }

  public HttpResponse<String> click(
      String user,
      String channel,
      String messageTs,
      String threadTs,
      String actionId,
      String value,
      String actionTs)
      throws IOException, InterruptedException {
    return post(
        clickBody(
            user,
            channel,
            messageTs,
            threadTs,
            actionId,
            value,
            actionTs,
            "trigger-" + sequence.incrementAndGet(),
            responseUrls.apply(channel, messageTs)),
        now());
  }

  /** The form body Slack sends for a click on a button (a block_actions payload). */
  public static String clickBody(
      String user,
      String channel,
      String messageTs,
      String threadTs,
      String actionId,
      String value,
      String actionTs,
      String triggerId) {
    return clickBody(
        user,
        channel,
        messageTs,
        threadTs,
        actionId,
        value,
        actionTs,
        triggerId,
        DEAD_RESPONSE_URL);
  }

  /** As above, with the response URL Slack gave the click. */
  public static String clickBody(
      String user,
      String channel,
      String messageTs,
      String threadTs,
      String actionId,
      String value,
      String actionTs,
      String triggerId,
      String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload
        .putObject("user")
        .put("id", user)
        .put("username", user.toLowerCase())
        .put("team_id", "T0TEAM");
    payload.put("api_app_id", "A0SHEPHERD");
    payload.put("token", "verification-token-unused");
    ObjectNode container = payload.putObject("container");
    container
        .put("type", "message")
        .put("message_ts", messageTs)
        .put("channel_id", channel)
        .put("is_ephemeral", false);
    if (threadTs != null) {
      container.put("thread_ts", threadTs);
    }
    payload.put("trigger_id", triggerId);
    payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
    payload.putObject("channel").put("id", channel).put("name", "deploys");
    payload.putObject("message").put("type", "message").put("ts", messageTs).put("text", "step");
    payload.put("response_url", responseUrl);
    ObjectNode action = payload.putArray("actions").addObject();
    action
        .put("action_id", actionId)
        .put("block_id", "actions")
        .put("type", "button")
        .put("value", value)
        .put("action_ts", actionTs);
    action.putObject("text").put("type", "plain_text").put("text", actionId);
    return formBody(Map.of("payload", payload.toString()));
  }

  /**
   * A message shortcut used on a message, as Slack's {@code message_action} payload: the shortcut's
   * callback id, who used it, the channel, and the whole message it was used on (its author, ts,
   * thread and text), with a trigger for a modal and a response URL.
   */
  public HttpResponse<String> messageShortcut(
      String user,
      String callbackId,
      String channel,
      String messageTs,
      String threadTs,
      String author,
      String text)
      throws IOException, InterruptedException {
    return post(
        messageShortcutBody(
            user,
            callbackId,
            channel,
            messageTs,
            threadTs,
            author,
            text,
            nextActionTs(),
            "trigger-" + sequence.incrementAndGet(),
            responseUrls.apply(channel, messageTs)),
        now());
  }

  /** The form body Slack sends for a message shortcut (a message_action payload). */
  public static String messageShortcutBody(
      String user,
      String callbackId,
      String channel,
      String messageTs,
      String threadTs,
      String author,
      String text,
      String actionTs,
      String triggerId,
      String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "message_action");
    payload.put("token", "verification-token-unused");
    payload.put("action_ts", actionTs);
    payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
    payload
        .putObject("user")
        .put("id", user)
        .put("username", user.toLowerCase())
        .put("name", user.toLowerCase())
        .put("team_id", "T0TEAM");
    payload.putObject("channel").put("id", channel).put("name", "deploys");
    payload.put("is_enterprise_install", false);
    payload.putNull("enterprise");
    payload.put("callback_id", callbackId);
    payload.put("trigger_id", triggerId);
    payload.put("response_url", responseUrl);
    payload.put("message_ts", messageTs);
    ObjectNode message =
        payload
            .putObject("message")
            .put("type", "message")
            .put("user", author)
            .put("team", "T0TEAM")
            .put("ts", messageTs)
            .put("text", text);
    if (threadTs != null) {
      message.put("thread_ts", threadTs);
    }
    return formBody(Map.of("payload", payload.toString()));
  }

  /**
   * The submission of a modal Shepherd opened, as Slack's {@code view_submission} payload: the view
   * as opened (its callback id and private metadata), with {@code inputs} typed into its plain-text
   * inputs (block id → text; each block's input has the block's id).
   */
  public static String viewSubmissionBody(
      String user, String viewId, ObjectNode opened, Map<String, String> inputs) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("type", "view_submission")
        .put("api_app_id", "A0SHEPHERD")
        .put("token", "verification-token-unused")
        .put("trigger_id", "trigger-submit-" + viewId);
    payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
    payload
        .putObject("user")
        .put("id", user)
        .put("username", user.toLowerCase())
        .put("team_id", "T0TEAM");
    ObjectNode view = opened.deepCopy();
    view.put("id", viewId).put("team_id", "T0TEAM").put("hash", "1." + viewId);
    ObjectNode values = view.putObject("state").putObject("values");
    inputs.forEach(
        (block, text) ->
            values
                .putObject(block)
                .putObject(block)
                .put("type", "plain_text_input")
                .put("value", text));
    payload.set("view", view);
    return formBody(Map.of("payload", payload.toString()));
  }

  /** A change of checkboxes: Slack sends every option that is selected now. */
  public HttpResponse<String> tick(
      String user,
      String channel,
      String messageTs,
      String threadTs,
      String blockId,
      List<String> selected,
      String actionTs)
      throws IOException, InterruptedException {
    return tick(user, channel, messageTs, threadTs, blockId, "shepherd.tick", selected, actionTs);
  }

  /** A change of one checkboxes element, named by its action id, of a block of several. */
  public HttpResponse<String> tick(
      String user,
      String channel,
      String messageTs,
      String threadTs,
      String blockId,
      String actionId,
      List<String> selected,
      String actionTs)
      throws IOException, InterruptedException {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload
        .putObject("user")
        .put("id", user)
        .put("username", user.toLowerCase())
        .put("team_id", "T0TEAM");
    payload.put("api_app_id", "A0SHEPHERD");
    payload.put("token", "verification-token-unused");
    ObjectNode container = payload.putObject("container");
    container
        .put("type", "message")
        .put("message_ts", messageTs)
        .put("channel_id", channel)
        .put("is_ephemeral", false)
        .put("thread_ts", threadTs);
    payload.put("trigger_id", "trigger-" + sequence.incrementAndGet());
    payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
    payload.putObject("channel").put("id", channel).put("name", "deploys");
    payload
        .putObject("message")
        .put("type", "message")
        .put("ts", messageTs)
        .put("text", "reminder");
    payload.put("response_url", "http://127.0.0.1:1/actions/T0TEAM/1/x");
    ObjectNode action = payload.putArray("actions").addObject();
    action
        .put("action_id", actionId)
        .put("block_id", blockId)
        .put("type", "checkboxes")
        .put("action_ts", actionTs);
    var options = action.putArray("selected_options");
    for (String value : selected) {
      ObjectNode option = options.addObject();
      option.putObject("text").put("type", "mrkdwn").put("text", "item " + value);
      option.put("value", value);
    }
    return post(formBody(Map.of("payload", payload.toString())), now());
  }

  public String nextActionTs() {
    long next = sequence.incrementAndGet();
    return next / 1000 + "." + String.format("%06d", next % 1000);
  }

  /** A signed POST of any body, at any timestamp (for forged and stale requests). */
  public HttpResponse<String> post(String body, String timestamp)
      throws IOException, InterruptedException {
    return post(body, timestamp, sign(secret, timestamp, body));
  }

  public HttpResponse<String> post(String body, String timestamp, String signature)
      throws IOException, InterruptedException {
    return post(body, "application/x-www-form-urlencoded", timestamp, signature);
  }

  /** A signed Events API delivery: Slack sends those as JSON, not as a form. */
  public HttpResponse<String> postJson(String body) throws IOException, InterruptedException {
    String timestamp = now();
    return post(body, "application/json", timestamp, sign(secret, timestamp, body));
  }

  public HttpResponse<String> post(
      String body, String contentType, String timestamp, String signature)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .header("X-Slack-Request-Timestamp", timestamp)
            .header("X-Slack-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public static String now() {
    return String.valueOf(System.currentTimeMillis() / 1000);
  }

  public static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
