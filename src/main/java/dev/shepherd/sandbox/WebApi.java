package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.format.LogLines;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Web API as far as Shepherd uses it — {@code auth.test}, {@code chat.postMessage}, {@code
 * chat.update}, {@code chat.postEphemeral}, {@code views.open} — and response URLs, answering as
 * Slack does (the same error codes) and keeping what is posted in the {@link Channel}.
 */
final class WebApi extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(WebApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLOCK_ID_LETTERS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Channel channel;
  private final InteractionHandleIssuer interactions;
  private final String botToken;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong views = new AtomicLong();

  WebApi(Channel channel, InteractionHandleIssuer interactions, String botToken) {
    this.channel = channel;
    this.interactions = interactions;
    this.botToken = botToken;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getRequestURI();
    Map<String, String> params = params(request);
    ObjectNode answer;
    if (path.startsWith("/response/")) {
      answer = respond(path.substring("/response/".length()), params);
    } else if (!path.startsWith("/api/")) {
      response.sendError(404);
      return;
    } else if (!authorized(request, params)) {
      answer = error("invalid_auth");
    } else {
      answer = call(path.substring("/api/".length()), params);
    }
    if (!answer.path("ok").asBoolean()) {
      log.warn(
          "sandbox Slack answered {} to {}",
          LogLines.escaped(answer.path("error").asText()),
          LogLines.escaped(path));
    }
    response.setStatus(200);
    response.setContentType("application/json; charset=utf-8");
    JSON.writeValue(response.getOutputStream(), answer);
  }

  private ObjectNode call(String method, Map<String, String> params) throws IOException {
    return switch (method) {
      case "auth.test" ->
          JSON.createObjectNode()
              .put("ok", true)
              .put("url", "https://sandbox.invalid/")
              .put("team", "Sandbox")
              .put("user", "shepherd")
              .put("team_id", Sandbox.TEAM_ID)
              .put("user_id", People.BOT_USER)
              .put("bot_id", People.BOT_ID)
              .put("is_enterprise_install", false);
      case "chat.postMessage" -> postMessage(params);
      case "chat.update" -> update(params);
      case "chat.postEphemeral" -> postEphemeral(params);
      case "views.open" -> openView(params);
      default -> error("unknown_method");
    };
  }

  private ObjectNode postMessage(Map<String, String> params) throws IOException {
    Optional<ObjectNode> refused = refuseMessage(params, 50);
    if (refused.isPresent()) {
      return refused.get();
    }
    String thread = blankToNull(params.get("thread_ts"));
    String ts =
        channel.post(People.BOT_USER, thread, params.getOrDefault("text", ""), blocks(params));
    ObjectNode answer =
        JSON.createObjectNode().put("ok", true).put("channel", Channel.ID).put("ts", ts);
    answer.putObject("message").put("type", "message").put("ts", ts).put("bot_id", People.BOT_ID);
    return answer;
  }

  private ObjectNode update(Map<String, String> params) throws IOException {
    Optional<ObjectNode> refused = refuseMessage(params, 50);
    if (refused.isPresent()) {
      return refused.get();
    }
    String ts = params.getOrDefault("ts", "");
    if (!channel.update(ts, params.getOrDefault("text", ""), blocks(params))) {
      return error("message_not_found");
    }
    return JSON.createObjectNode().put("ok", true).put("channel", Channel.ID).put("ts", ts);
  }

  private ObjectNode postEphemeral(Map<String, String> params) throws IOException {
    Optional<ObjectNode> refused = refuseMessage(params, 50);
    if (refused.isPresent()) {
      return refused.get();
    }
    String user = params.getOrDefault("user", "");
    if (user.isBlank()) {
      return error("user_not_in_channel");
    }
    String ts =
        channel.ephemeral(
            user,
            blankToNull(params.get("thread_ts")),
            People.BOT_USER,
            params.getOrDefault("text", ""),
            blocks(params),
            null);
    return JSON.createObjectNode().put("ok", true).put("message_ts", ts);
  }

  private ObjectNode openView(Map<String, String> params) throws IOException {
    boolean[] expired = new boolean[1];
    Optional<String> user = interactions.useTrigger(params.get("trigger_id"), expired);
    if (user.isEmpty()) {
      return error(expired[0] ? "expired_trigger_id" : "invalid_trigger_id");
    }
    JsonNode view;
    try {
      view = JSON.readTree(params.getOrDefault("view", ""));
    } catch (IOException e) {
      return error("invalid_arguments");
    }
    if (view == null || !view.isObject() || !"modal".equals(view.path("type").asText())) {
      return error("invalid_arguments");
    }
    List<String> problems = BlockChecks.view(view);
    if (!problems.isEmpty()) {
      return invalidBlocks(problems);
    }
    ObjectNode opened = ((ObjectNode) view).deepCopy();
    String id = "V0SANDBOX" + views.incrementAndGet();
    opened
        .put("id", id)
        .put("team_id", Sandbox.TEAM_ID)
        .put("app_id", Sandbox.APP_ID)
        .put("bot_id", People.BOT_ID)
        .put("hash", id + ".hash")
        .put("root_view_id", id);
    opened.set("blocks", withBlockIds(view.path("blocks")));
    opened.putObject("state").putObject("values");
    channel.openModal(new Channel.Modal(id, user.get(), opened, JSON.createObjectNode()));
    ObjectNode answer = JSON.createObjectNode().put("ok", true);
    answer.set("view", opened);
    return answer;
  }

  /**
   * A POST to a response URL: the clicked message redrawn ({@code replace_original}), an ephemeral
   * answer to the user, or a message in the channel.
   */
  private ObjectNode respond(String id, Map<String, String> params) throws IOException {
    Optional<InteractionHandleIssuer.Target> target = interactions.responseTarget(id);
    if (target.isEmpty()) {
      return error("invalid_response_url");
    }
    String text = params.getOrDefault("text", "");
    JsonNode blocks = blocks(params);
    if ("true".equals(params.get("replace_original"))) {
      // Slack redraws the message the click came from; a slash command's URL has none.
      String clicked = target.get().messageTs();
      return clicked != null && channel.update(clicked, text, blocks)
          ? JSON.createObjectNode().put("ok", true)
          : error("message_not_found");
    }
    if ("in_channel".equals(params.get("response_type"))) {
      channel.post(People.BOT_USER, target.get().threadTs(), text, blocks);
    } else {
      channel.ephemeral(
          target.get().user(), target.get().threadTs(), People.BOT_USER, text, blocks, null);
    }
    return JSON.createObjectNode().put("ok", true);
  }

  /** What Slack answers to a message it would not post, if anything. */
  private Optional<ObjectNode> refuseMessage(Map<String, String> params, int maxBlocks)
      throws IOException {
    if (!Channel.ID.equals(params.get("channel"))) {
      return Optional.of(error("channel_not_found"));
    }
    JsonNode blocks;
    try {
      blocks = JSON.readTree(params.getOrDefault("blocks", "[]"));
    } catch (IOException e) {
      return Optional.of(error("invalid_blocks_format"));
    }
    if (blocks == null || blocks.isEmpty()) {
      return params.getOrDefault("text", "").isBlank()
          ? Optional.of(error("no_text"))
          : Optional.empty();
    }
    List<String> problems = new ArrayList<>(BlockChecks.problems(blocks, maxBlocks));
    problems.addAll(BlockChecks.messageText(params.getOrDefault("text", "")));
    return problems.isEmpty() ? Optional.empty() : Optional.of(invalidBlocks(problems));
  }

  private JsonNode blocks(Map<String, String> params) throws IOException {
    JsonNode blocks = JSON.readTree(params.getOrDefault("blocks", "[]"));
    return withBlockIds(blocks == null ? JSON.createArrayNode() : blocks);
  }

  /** Slack gives every block without a {@code block_id} one of its own. */
  private JsonNode withBlockIds(JsonNode blocks) {
    ArrayNode copy = JSON.createArrayNode();
    for (JsonNode block : blocks) {
      ObjectNode b = ((ObjectNode) block).deepCopy();
      if (!b.hasNonNull("block_id")) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 5; i++) {
          id.append(BLOCK_ID_LETTERS.charAt(random.nextInt(BLOCK_ID_LETTERS.length())));
        }
        b.put("block_id", id.toString());
      }
      copy.add(b);
    }
    return copy;
  }

  private boolean authorized(HttpServletRequest request, Map<String, String> params) {
    String header = request.getHeader("Authorization");
    String token =
        header != null && header.startsWith("Bearer ")
            ? header.substring(7)
            : params.getOrDefault("token", "");
    return botToken.equals(token);
  }

  private static ObjectNode invalidBlocks(List<String> problems) {
    ObjectNode answer = error("invalid_blocks");
    problems.forEach(answer.putArray("errors")::add);
    return answer;
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static Map<String, String> params(HttpServletRequest request) throws IOException {
    String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> params = new HashMap<>();
    String type = request.getContentType();
    if (type != null && type.startsWith("application/json")) {
      JsonNode tree = JSON.readTree(body.isBlank() ? "{}" : body);
      tree.fields()
          .forEachRemaining(
              e ->
                  params.put(
                      e.getKey(),
                      e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      params.put(
          name,
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
