package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The checks every Block Kit field shares: lengths counted as Slack counts them, text objects. */
final class Checks {
  private Checks() {}

  /** Characters as Slack counts them: code points, so an emoji is one. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /** A string field of at most {@code max} characters, when it is there. */
  static void max(JsonNode text, int max, String at, List<String> problems) {
    if (text.isTextual() && length(text.asText()) > max) {
      problems.add("must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
    }
  }

  /** A text object: a known type, and a text of 1 to {@code max} characters. */
  static void text(JsonNode object, int max, String at, List<String> problems) {
    String type = object.path("type").asText();
    if (!type.equals("plain_text") && !type.equals("mrkdwn")) {
      problems.add("must be a text object [json-pointer:" + at + "]");
      return;
    }
    JsonNode text = object.path("text");
    if (!text.isTextual() || text.asText().isEmpty()) {
      problems.add("must be more than 0 characters [json-pointer:" + at + "/text]");
      return;
    }
    max(text, max, at + "/text", problems);
  }

  static void plain(JsonNode text, String at, List<String> problems) {
    if (!text.path("type").asText().equals("plain_text")) {
      problems.add("must be a plain_text object [json-pointer:" + at + "]");
    }
  }
}
