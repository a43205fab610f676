package dev.shepherd.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which workspace, organization and app a request from Slack says it comes from, read from its body
 * as Slack sends each kind: a slash command's form fields {@code team_id}, {@code enterprise_id},
 * {@code api_app_id}; an interaction's {@code payload} with {@code team.id}, {@code enterprise.id}
 * (or {@code team.enterprise_id}) and {@code api_app_id}; an Events API envelope's {@code team_id},
 * {@code enterprise_id} and {@code api_app_id}. Socket Mode hands over the same fields as JSON.
 * Read from the body, not from Bolt's context: Bolt's single-workspace authorization overwrites the
 * context's team with its own.
 *
 * @param appUnsaid whether this is a kind of request that Slack sends without {@code api_app_id}
 *     and that came without it: a shortcut's ({@code shortcut}, {@code message_action}) payload,
 *     whose documented fields name no app
 */
record RequestOrigin(
    Optional<String> team, Optional<String> enterprise, Optional<String> app, boolean appUnsaid) {
  /** The payload types Slack sends without the app's id. */
  private static final java.util.Set<String> WITHOUT_APP =
      java.util.Set.of("shortcut", "message_action");

  private static final ObjectMapper JSON = new ObjectMapper();

  static RequestOrigin of(String body) {
    String text = body == null ? "" : body.strip();
    try {
      if (text.startsWith("{")) {
        return of(JSON.readTree(text));
      }
      Optional<String> payload = formField(text, "payload");
      if (payload.isPresent()) {
        return of(JSON.readTree(payload.get()));
      }
    } catch (IOException e) {
      // A body that is not JSON names no workspace: it is refused as one from nowhere.
      return new RequestOrigin(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
    return new RequestOrigin(
        formField(text, "team_id"),
        formField(text, "enterprise_id"),
        formField(text, "api_app_id"),
        false);
  }

  private static RequestOrigin of(JsonNode json) {
    Optional<String> team = text(json.path("team_id")).or(() -> text(json.path("team").path("id")));
    Optional<String> enterprise =
        text(json.path("enterprise_id"))
            .or(() -> text(json.path("enterprise").path("id")))
            .or(() -> text(json.path("team").path("enterprise_id")));
    Optional<String> app = text(json.path("api_app_id"));
    boolean unsaid = app.isEmpty() && WITHOUT_APP.contains(json.path("type").asText(""));
    return new RequestOrigin(team, enterprise, app, unsaid);
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank()
        ? Optional.of(node.asText())
        : Optional.empty();
  }

  private static Optional<String> formField(String body, String name) {
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0
          && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
        String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
