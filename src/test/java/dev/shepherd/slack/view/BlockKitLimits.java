package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shepherd.sandbox.BlockChecks;
import java.io.IOException;
import java.util.List;

/**
 * Asserts a message is one Slack accepts: the Block Kit limits, checked on the JSON the views
 * serialise to, with the numbers written out here rather than taken from the code under test.
 */
final class BlockKitLimits {
  private BlockKitLimits() {}

  static void assertWithinLimits(List<SlackMessage> messages) {
    assertThat(messages).isNotEmpty();
    messages.forEach(BlockKitLimits::assertWithinLimits);
  }

  static void assertWithinLimits(SlackMessage message) {
    assertWithinLimits(message, true);
  }

  /**
   * What Slack itself refuses, without Shepherd's own rule that code fences pair up (a display
   * fault, not a refusal: random runbook text still breaks it, see HostileRunbookPropertyTest).
   */
  static void assertSlackTakes(SlackMessage message) {
    assertWithinLimits(message, false);
  }

  static void assertSlackTakes(List<SlackMessage> messages) {
    assertThat(messages).isNotEmpty();
    messages.forEach(BlockKitLimits::assertSlackTakes);
  }

  private static void assertWithinLimits(SlackMessage message, boolean fencesPaired) {
    assertThat(message.text()).as("fallback text").isNotBlank();
    // The shared check a fake Slack applies to every post, on top of the numbers below.
    assertThat(BlockChecks.problems(jackson(message), BlockChecks.MESSAGE_BLOCKS))
        .as("what Slack would answer invalid_blocks to")
        .isEmpty();
    assertThat(message.blocks()).as("blocks in a message").hasSizeLessThanOrEqualTo(50);
    for (JsonElement element : ViewFixture.blocks(message)) {
      JsonObject block = element.getAsJsonObject();
      switch (block.get("type").getAsString()) {
        case "header" -> {
          assertThat(block.getAsJsonObject("text").get("type").getAsString())
              .isEqualTo("plain_text");
          assertThat(textOf(block)).as("header").isNotBlank().hasSizeLessThanOrEqualTo(150);
        }
        case "section" -> {
          if (block.has("text")) {
            String text = textOf(block);
            assertThat(text).as("section text").isNotBlank().hasSizeLessThanOrEqualTo(3000);
            if (fencesPaired) {
              assertThat(fences(text) % 2).as("code fences balanced in: %s", text).isZero();
            }
          }
          if (block.has("fields")) {
            assertThat(block.getAsJsonArray("fields")).hasSizeLessThanOrEqualTo(10);
            block
                .getAsJsonArray("fields")
                .forEach(
                    f ->
                        assertThat(f.getAsJsonObject().get("text").getAsString())
                            .hasSizeLessThanOrEqualTo(2000));
          }
        }
        case "context" -> {
          assertThat(block.getAsJsonArray("elements")).isNotEmpty().hasSizeLessThanOrEqualTo(10);
          block
              .getAsJsonArray("elements")
              .forEach(
                  e ->
                      assertThat(e.getAsJsonObject().get("text").getAsString())
                          .isNotBlank()
                          .hasSizeLessThanOrEqualTo(3000));
        }
        case "actions" -> {
          assertThat(block.getAsJsonArray("elements")).isNotEmpty().hasSizeLessThanOrEqualTo(25);
          block.getAsJsonArray("elements").forEach(e -> assertElement(e.getAsJsonObject()));
        }
        case "divider" -> {}
        default -> throw new AssertionError("unexpected block " + block);
      }
    }
  }

  private static void assertElement(JsonObject element) {
    if (element.get("type").getAsString().equals("checkboxes")) {
      assertThat(element.getAsJsonArray("options")).isNotEmpty().hasSizeLessThanOrEqualTo(10);
      element
          .getAsJsonArray("options")
          .forEach(
              o -> {
                assertThat(textOf(o.getAsJsonObject())).isNotBlank().hasSizeLessThanOrEqualTo(75);
                assertThat(o.getAsJsonObject().get("value").getAsString())
                    .hasSizeLessThanOrEqualTo(150);
              });
      return;
    }
    assertButton(element);
  }

  private static com.fasterxml.jackson.databind.JsonNode jackson(SlackMessage message) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(ViewFixture.GSON.toJson(message.blocks()));
    } catch (IOException e) {
      throw new AssertionError("blocks are not JSON", e);
    }
  }

  private static void assertButton(JsonObject button) {
    assertThat(button.get("type").getAsString()).isEqualTo("button");
    assertThat(textOf(button)).hasSizeLessThanOrEqualTo(75);
    assertThat(button.get("value").getAsString()).hasSizeLessThanOrEqualTo(2000);
    assertThat(button.get("action_id").getAsString()).hasSizeLessThanOrEqualTo(255);
    if (button.has("confirm")) {
      JsonObject confirm = button.getAsJsonObject("confirm");
      assertThat(textOf(confirm.getAsJsonObject("title").getAsJsonObject())).isNotBlank();
      assertThat(confirm.getAsJsonObject("title").get("text").getAsString())
          .hasSizeLessThanOrEqualTo(100);
      assertThat(confirm.getAsJsonObject("text").get("text").getAsString())
          .isNotBlank()
          .hasSizeLessThanOrEqualTo(300);
      assertThat(confirm.getAsJsonObject("confirm").get("text").getAsString())
          .hasSizeLessThanOrEqualTo(30);
      assertThat(confirm.getAsJsonObject("deny").get("text").getAsString())
          .hasSizeLessThanOrEqualTo(30);
    }
  }

  private static String textOf(JsonObject object) {
    return object.has("text") && object.get("text").isJsonObject()
        ? object.getAsJsonObject("text").get("text").getAsString()
        : object.get("text").getAsString();
  }

  /** How many times {@code ```} occurs: Slack pairs them wherever they stand. */
  static int fences(String text) {
    return text.split("```", -1).length - 1;
  }
}
