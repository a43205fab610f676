package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Block Kit limits Slack enforces on a message or modal, checked as Slack checks them, so a
 * rehearsal fails where the real rollout would ({@code invalid_blocks}) instead of later.
 */
final class BlockChecks {
  private BlockChecks() {}

  /** Slack's {@code invalid_blocks} errors for these blocks; empty when Slack would take them. */
  static List<String> problems(JsonNode blocks, int maxBlocks) {
    List<String> problems = new ArrayList<>();
    if (!blocks.isArray()) {
      problems.add("blocks must be an array");
      return problems;
    }
    if (blocks.size() > maxBlocks) {
      problems.add("no more than " + maxBlocks + " items allowed [json-pointer:/blocks]");
    }
    for (int i = 0; i < blocks.size(); i++) {
      check(blocks.get(i), "/blocks/" + i, problems);
    }
    return problems;
  }

  private static void check(JsonNode block, String at, List<String> problems) {
    max(block.path("block_id"), 255, at + "/block_id", problems);
    switch (block.path("type").asText()) {
      case "header" -> {
        plain(block.path("text"), at + "/text", problems);
        max(block.path("text").path("text"), 150, at + "/text/text", problems);
      }
      case "section" -> {
        if (block.path("text").isMissingNode() && block.path("fields").isMissingNode()) {
          problems.add("must provide either text or fields [json-pointer:" + at + "]");
        }
        max(block.path("text").path("text"), 3000, at + "/text/text", problems);
        JsonNode fields = block.path("fields");
        if (fields.size() > 10) {
          problems.add("no more than 10 items allowed [json-pointer:" + at + "/fields]");
        }
        for (int f = 0; f < fields.size(); f++) {
          max(fields.get(f).path("text"), 2000, at + "/fields/" + f + "/text", problems);
        }
        if (block.has("accessory")) {
          element(block.path("accessory"), at + "/accessory", problems);
        }
      }
      case "context" -> {
        int size = block.path("elements").size();
        if (size < 1 || size > 10) {
          problems.add("must have 1 to 10 elements [json-pointer:" + at + "/elements]");
        }
        for (int e = 0; e < size; e++) {
          max(block.path("elements").get(e).path("text"), 3000, at + "/elements/" + e + "/text", problems);
        }
      }
      case "actions" -> {
        int size = block.path("elements").size();
        if (size < 1 || size > 25) {
          problems.add("must have 1 to 25 elements [json-pointer:" + at + "/elements]");
        }
        for (int e = 0; e < size; e++) {
          element(block.path("elements").get(e), at + "/elements/" + e, problems);
        }
      }
      case "divider", "input", "image", "rich_text", "video", "file" -> { }
      default -> problems.add("unknown block type " + block.path("type").asText()
          + " [json-pointer:" + at + "/type]");
    }
  }

  private static void element(JsonNode element, String at, List<String> problems) {
    max(element.path("action_id"), 255, at + "/action_id", problems);
    if (element.path("type").asText().equals("button")) {
      plain(element.path("text"), at + "/text", problems);
      max(element.path("text").path("text"), 75, at + "/text/text", problems);
      max(element.path("value"), 2000, at + "/value", problems);
    }
    JsonNode confirm = element.path("confirm");
    if (!confirm.isMissingNode()) {
      max(confirm.path("title").path("text"), 100, at + "/confirm/title/text", problems);
      max(confirm.path("text").path("text"), 300, at + "/confirm/text/text", problems);
      max(confirm.path("confirm").path("text"), 30, at + "/confirm/confirm/text", problems);
      max(confirm.path("deny").path("text"), 30, at + "/confirm/deny/text", problems);
    }
  }

  private static void plain(JsonNode text, String at, List<String> problems) {
    if (!text.path("type").asText().equals("plain_text")) {
      problems.add("must be a plain_text object [json-pointer:" + at + "]");
    }
  }

  private static void max(JsonNode text, int max, String at, List<String> problems) {
    if (text.isTextual() && text.asText().codePointCount(0, text.asText().length()) > max) {
      problems.add("must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
    }
  }
}
