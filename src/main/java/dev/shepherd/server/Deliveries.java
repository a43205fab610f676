package dev.shepherd.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Which of the requests Slack sends Bolt's request parser recognises (it refuses the rest 400). */
final class Deliveries {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The Events API envelopes Bolt parses. */
  private static final Set<String> EVENTS = Set.of("url_verification", "event_callback");

  /** The interactive payload types Bolt parses. */
  private static final Set<String> PAYLOADS =
      Set.of(
          "block_actions",
          "block_suggestion",
          "view_submission",
          "view_closed",
          "shortcut",
          "message_action",
          "interactive_message",
          "dialog_submission",
          "dialog_cancellation",
          "dialog_suggestion",
          "workflow_step_edit");

  private Deliveries() {}

  /** Whether Bolt can route this already signed, well-formed body. */
  static boolean boltReads(String contentType, String body) {
    try {
      if (contentType != null && contentType.startsWith("application/json")) {
        return EVENTS.contains(JSON.readTree(body).path("type").asText());
      }
      for (String pair : body.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        if (name.equals("payload")) {
          JsonNode payload =
              JSON.readTree(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
          return PAYLOADS.contains(payload.path("type").asText());
        }
        if (name.equals("command") || name.equals("ssl_check")) {
          return true;
        }
      }
      return false;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
