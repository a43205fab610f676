package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Block Kit limits Slack enforces on a message or a view, checked as Slack checks them, so a
 * rehearsal or a test fails where the real rollout would ({@code invalid_blocks}) instead of later.
 * Numbers from Slack's Block Kit reference (blocks, block elements, composition objects, views);
 * each problem is worded as Slack words it, with the JSON pointer to the field. Thread-safe: static
 * and stateless.
 */
public final class BlockChecks {
  /** Blocks in a message (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
  public static final int MESSAGE_BLOCKS = 50;

  /** Blocks in a modal or the Home tab. */
  public static final int VIEW_BLOCKS = 100;

  /** A message's top-level text. */
  public static final int MESSAGE_TEXT = 40_000;

  private BlockChecks() {}

  /** Slack's {@code invalid_blocks} errors for these blocks; empty when Slack would take them. */
  public static List<String> problems(JsonNode blocks, int maxBlocks) {
    List<String> problems = new ArrayList<>();
    if (!blocks.isArray()) {
      problems.add("must be an array [json-pointer:/blocks]");
      return problems;
    }
    if (blocks.size() > maxBlocks) {
      problems.add("no more than " + maxBlocks + " items allowed [json-pointer:/blocks]");
    }
    Set<String> blockIds = new HashSet<>();
    for (int i = 0; i < blocks.size(); i++) {
      String at = "/blocks/" + i;
      JsonNode id = blocks.get(i).path("block_id");
      if (id.isTextual() && !blockIds.add(id.asText())) {
        problems.add("block_id must be unique [json-pointer:" + at + "/block_id]");
      }
      check(blocks.get(i), at, problems);
    }
    return problems;
  }

  /** A message's top-level {@code text}: Slack refuses one over 40,000 characters. */
  public static List<String> messageText(String text) {
    return Checks.length(text) > MESSAGE_TEXT
        ? List.of("must be less than " + (MESSAGE_TEXT + 1) + " characters [json-pointer:/text]")
        : List.of();
  }

  /** A view for views.open, views.push, views.update or views.publish. */
  public static List<String> view(JsonNode view) {
    List<String> problems = new ArrayList<>();
    String type = view.path("type").asText();
    if (!type.equals("modal") && !type.equals("home")) {
      problems.add("must be modal or home [json-pointer:/view/type]");
    }
    Checks.max(view.path("private_metadata"), 3000, "/view/private_metadata", problems);
    Checks.max(view.path("callback_id"), 255, "/view/callback_id", problems);
    Checks.max(view.path("external_id"), 255, "/view/external_id", problems);
    if (type.equals("modal")) {
      Checks.plain(view.path("title"), "/view/title", problems);
      Checks.text(view.path("title"), 24, "/view/title", problems);
      for (String button : List.of("submit", "close")) {
        if (view.has(button)) {
          Checks.plain(view.path(button), "/view/" + button, problems);
          Checks.text(view.path(button), 24, "/view/" + button, problems);
        }
      }
      boolean inputs = false;
      for (JsonNode block : view.path("blocks")) {
        inputs |= block.path("type").asText().equals("input");
      }
      if (inputs && !view.has("submit")) {
        problems.add(
            "submit is required when an input block is present [json-pointer:/view/submit]");
      }
    }
    problems.addAll(
        problems(view.path("blocks"), VIEW_BLOCKS).stream()
            .map(p -> p.replace("[json-pointer:/blocks", "[json-pointer:/view/blocks"))
            .toList());
    return problems;
  }

  private static void check(JsonNode block, String at, List<String> problems) {
    Checks.max(block.path("block_id"), 255, at + "/block_id", problems);
    switch (block.path("type").asText()) {
      case "header" -> {
        Checks.plain(block.path("text"), at + "/text", problems);
        Checks.text(block.path("text"), 150, at + "/text", problems);
      }
      case "section" -> {
        if (block.path("text").isMissingNode() && block.path("fields").isMissingNode()) {
          problems.add("must provide either text or fields [json-pointer:" + at + "]");
        }
        if (block.has("text")) {
          Checks.text(block.path("text"), 3000, at + "/text", problems);
        }
        JsonNode fields = block.path("fields");
        if (fields.size() > 10) {
          problems.add("no more than 10 items allowed [json-pointer:" + at + "/fields]");
        }
        for (int f = 0; f < fields.size(); f++) {
          Checks.text(fields.get(f), 2000, at + "/fields/" + f, problems);
        }
        if (block.has("accessory")) {
          ElementChecks.element(block.path("accessory"), at + "/accessory", problems);
        }
      }
      case "context" -> {
        JsonNode elements = block.path("elements");
        if (elements.size() < 1 || elements.size() > 10) {
          problems.add("must have 1 to 10 elements [json-pointer:" + at + "/elements]");
        }
        for (int e = 0; e < elements.size(); e++) {
          if (!elements.get(e).path("type").asText().equals("image")) {
            Checks.text(elements.get(e), 3000, at + "/elements/" + e, problems);
          }
        }
      }
      case "actions" -> {
        JsonNode elements = block.path("elements");
        if (elements.size() < 1 || elements.size() > 25) {
          problems.add("must have 1 to 25 elements [json-pointer:" + at + "/elements]");
        }
        Set<String> actionIds = new HashSet<>();
        for (int e = 0; e < elements.size(); e++) {
          JsonNode id = elements.get(e).path("action_id");
          if (id.isTextual() && !actionIds.add(id.asText())) {
            problems.add(
                "action_id must be unique in a block [json-pointer:"
                    + at
                    + "/elements/"
                    + e
                    + "/action_id]");
          }
          ElementChecks.element(elements.get(e), at + "/elements/" + e, problems);
        }
      }
      case "input" -> {
        Checks.plain(block.path("label"), at + "/label", problems);
        Checks.text(block.path("label"), 2000, at + "/label", problems);
        if (block.has("hint")) {
          Checks.text(block.path("hint"), 2000, at + "/hint", problems);
        }
        if (!block.has("element")) {
          problems.add("must provide an element [json-pointer:" + at + "/element]");
        } else {
          ElementChecks.element(block.path("element"), at + "/element", problems);
        }
      }
      case "divider", "image", "rich_text", "video", "file" -> {}
      default ->
          problems.add(
              "unknown block type "
                  + block.path("type").asText()
                  + " [json-pointer:"
                  + at
                  + "/type]");
    }
  }
}
