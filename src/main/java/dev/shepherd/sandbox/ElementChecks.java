package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The interactive elements and their composition objects (options, confirmation dialogs). */
final class ElementChecks {
  private ElementChecks() {}

  static void element(JsonNode element, String at, List<String> problems) {
    Checks.max(element.path("action_id"), 255, at + "/action_id", problems);
    if (element.has("placeholder")) {
      Checks.plain(element.path("placeholder"), at + "/placeholder", problems);
      Checks.text(element.path("placeholder"), 150, at + "/placeholder", problems);
    }
    switch (element.path("type").asText()) {
      case "button" -> {
        Checks.plain(element.path("text"), at + "/text", problems);
        Checks.text(element.path("text"), 75, at + "/text", problems);
        Checks.max(element.path("value"), 2000, at + "/value", problems);
        Checks.max(element.path("url"), 3000, at + "/url", problems);
      }
      case "checkboxes", "radio_buttons" -> options(element, 1, 10, at, problems);
      case "static_select", "multi_static_select" -> {
        if (element.has("option_groups")) {
          if (element.path("option_groups").size() > 100) {
            problems.add("no more than 100 items allowed [json-pointer:" + at + "/option_groups]");
          }
        } else {
          options(element, 1, 100, at, problems);
        }
      }
      case "overflow" -> options(element, 1, 5, at, problems);
      case "plain_text_input" -> {
        Checks.max(element.path("initial_value"), 3000, at + "/initial_value", problems);
        if (element.path("max_length").asInt(0) > 3000) {
          problems.add("must be at most 3000 [json-pointer:" + at + "/max_length]");
        }
      }
      default -> {}
    }
    if (element.has("confirm")) {
      confirm(element.path("confirm"), at + "/confirm", problems);
    }
  }

  private static void options(
      JsonNode element, int min, int max, String at, List<String> problems) {
    JsonNode options = element.path("options");
    if (options.size() < min || options.size() > max) {
      problems.add(
          "must have " + min + " to " + max + " options [json-pointer:" + at + "/options]");
    }
    Set<String> values = new HashSet<>();
    for (int o = 0; o < options.size(); o++) {
      option(options.get(o), at + "/options/" + o, problems);
      values.add(options.get(o).path("value").asText());
    }
    JsonNode initial = element.path("initial_options");
    for (int o = 0; o < initial.size(); o++) {
      if (!values.contains(initial.get(o).path("value").asText())) {
        problems.add(
            "must match one of the options [json-pointer:" + at + "/initial_options/" + o + "]");
      }
    }
  }

  /** An option object: text and description 75 characters, value 150. */
  private static void option(JsonNode option, String at, List<String> problems) {
    Checks.text(option.path("text"), 75, at + "/text", problems);
    Checks.max(option.path("value"), 150, at + "/value", problems);
    if (option.has("description")) {
      Checks.text(option.path("description"), 75, at + "/description", problems);
    }
    Checks.max(option.path("url"), 3000, at + "/url", problems);
  }

  /** A confirmation dialog: title 100, text 300, its two buttons 30. */
  private static void confirm(JsonNode confirm, String at, List<String> problems) {
    Checks.plain(confirm.path("title"), at + "/title", problems);
    Checks.text(confirm.path("title"), 100, at + "/title", problems);
    Checks.text(confirm.path("text"), 300, at + "/text", problems);
    Checks.plain(confirm.path("confirm"), at + "/confirm", problems);
    Checks.text(confirm.path("confirm"), 30, at + "/confirm", problems);
    Checks.plain(confirm.path("deny"), at + "/deny", problems);
    Checks.text(confirm.path("deny"), 30, at + "/deny", problems);
  }
}
