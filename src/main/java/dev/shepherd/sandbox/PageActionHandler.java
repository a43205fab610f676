package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.format.LogLines;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person does on the page, done as in Slack: a typed line becomes a slash command or a
 * message, a click or a modal's submit becomes the signed request Slack would send, and Shepherd's
 * answer lands where Slack would show it (the command's reply only to its author).
 */
final class PageActionHandler {
  private static final Logger log = LoggerFactory.getLogger(PageActionHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 200, or a status and what the page should tell its user. */
  record Result(int status, String error) {
    static final Result OK = new Result(200, "");
  }

  private final Channel channel;
  private final SignedRequestSender slack;

  PageActionHandler(Channel channel, SignedRequestSender slack) {
    this.channel = channel;
    this.slack = slack;
  }

  /** A line typed in the composer: {@code /rollout …} goes to Shepherd, anything else is posted. */
  Result message(People.Person user, String line) throws IOException, InterruptedException {
    String text = line.strip();
    if (text.isEmpty()) {
      return new Result(400, "nothing to send");
    }
    if (!text.startsWith("/")) {
      channel.post(user.id(), null, Escaping.mrkdwn(text), JSON.createArrayNode());
      return Result.OK;
    }
    int space = text.indexOf(' ');
    String command = space < 0 ? text : text.substring(0, space);
    String arguments = space < 0 ? "" : text.substring(space + 1).strip();
    if (!command.equals("/rollout")) {
      channel.ephemeral(
          user.id(),
          null,
          "USLACKBOT",
          "`"
              + Escaping.mrkdwn(command)
              + "` is not a valid command. In the sandbox, Shepherd answers `/rollout`.",
          JSON.createArrayNode(),
          text);
      return Result.OK;
    }
    SignedRequestSender.Answer answer = slack.command(user, command, arguments);
    if (!answer.ok()) {
      channel.ephemeral(
          user.id(),
          null,
          "USLACKBOT",
          "`"
              + command
              + "` failed with the error"
              + " \"dispatch_failed\": Shepherd answered HTTP "
              + answer.status()
              + " "
              + Escaping.mrkdwn(answer.body()),
          JSON.createArrayNode(),
          text);
      return Result.OK;
    }
    JsonNode reply = parse(answer.body());
    String replyText = reply.path("text").asText("");
    JsonNode blocks =
        reply.path("blocks").isArray() ? reply.path("blocks") : JSON.createArrayNode();
    if ("in_channel".equals(reply.path("response_type").asText())) {
      channel.post(People.BOT_USER, null, replyText, blocks);
    } else if (!replyText.isEmpty() || !blocks.isEmpty()) {
      channel.ephemeral(user.id(), null, People.BOT_USER, replyText, blocks, text);
    }
    return Result.OK;
  }

  /** A click on a button (or a change of checkboxes) that the message shows to this user. */
  Result click(People.Person user, String ts, String blockId, String actionId, JsonNode selected)
      throws IOException, InterruptedException {
    Optional<Channel.Message> message = channel.find(ts, user.id());
    if (message.isEmpty()) {
      return new Result(404, "there is no such message");
    }
    Optional<JsonNode> element = element(message.get().blocks(), blockId, actionId);
    if (element.isEmpty()) {
      return new Result(409, "that button is no longer on the message");
    }
    ObjectNode action = JSON.createObjectNode();
    JsonNode drawn = element.get();
    action
        .put("action_id", actionId)
        .put("block_id", blockId)
        .put("type", drawn.path("type").asText());
    if (drawn.path("type").asText().equals("checkboxes")) {
      ArrayNode options = action.putArray("selected_options");
      Set<String> values = new HashSet<>();
      selected.forEach(v -> values.add(v.asText()));
      drawn
          .path("options")
          .forEach(
              o -> {
                if (values.contains(o.path("value").asText())) {
                  options.add(o);
                }
              });
    } else {
      action.set("text", drawn.path("text"));
      action.put("value", drawn.path("value").asText());
      if (drawn.has("style")) {
        action.put("style", drawn.path("style").asText());
      }
    }
    action.put("action_ts", slack.actionTs());
    SignedRequestSender.Answer answer = slack.click(user, message.get(), action);
    if (!answer.ok()) {
      log.warn(
          "Shepherd answered HTTP {} to {}'s click on {}: {}",
          answer.status(),
          LogLines.escaped(user.id()),
          LogLines.escaped(actionId),
          LogLines.escaped(answer.body()));
      String thread =
          message.get().threadTs() != null ? message.get().threadTs() : message.get().ts();
      channel.ephemeral(
          user.id(),
          thread,
          "USLACKBOT",
          ":warning: Shepherd answered HTTP "
              + answer.status()
              + " to this click: "
              + Escaping.mrkdwn(answer.body()),
          JSON.createArrayNode(),
          null);
    }
    return Result.OK;
  }

  /** The modal's submit button: Shepherd's answer closes it, or shows its errors in it. */
  Result submit(People.Person user, String viewId, JsonNode typed)
      throws IOException, InterruptedException {
    Optional<Channel.Modal> modal = channel.modal(user.id()).filter(m -> m.id().equals(viewId));
    if (modal.isEmpty()) {
      return new Result(404, "this form is closed");
    }
    ObjectNode values = Inputs.values(modal.get().view(), typed);
    SignedRequestSender.Answer answer = slack.submit(user, modal.get().view(), values);
    if (!answer.ok()) {
      channel.modalErrors(
          user.id(),
          viewId,
          JSON.createObjectNode()
              .put("", "Shepherd answered HTTP " + answer.status() + ": " + answer.body()));
      return Result.OK;
    }
    JsonNode reply = parse(answer.body());
    switch (reply.path("response_action").asText()) {
      case "errors" -> channel.modalErrors(user.id(), viewId, reply.path("errors"));
      case "update" ->
          channel.openModal(
              new Channel.Modal(viewId, user.id(), reply.path("view"), JSON.createObjectNode()));
      default -> channel.closeModal(user.id(), viewId);
    }
    return Result.OK;
  }

  Result close(People.Person user, String viewId) {
    channel.closeModal(user.id(), viewId);
    return Result.OK;
  }

  /**
   * The interactive element with this block and action id: in an actions block, or an accessory.
   */
  static Optional<JsonNode> element(JsonNode blocks, String blockId, String actionId) {
    for (JsonNode block : blocks) {
      if (!block.path("block_id").asText().equals(blockId)) {
        continue;
      }
      for (JsonNode element : block.path("elements")) {
        if (element.path("action_id").asText().equals(actionId)) {
          return Optional.of(element);
        }
      }
      if (block.path("accessory").path("action_id").asText().equals(actionId)) {
        return Optional.of(block.path("accessory"));
      }
    }
    return Optional.empty();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode tree = JSON.readTree(body);
      return tree == null ? JSON.createObjectNode() : tree;
    } catch (IOException e) {
      // Slack shows a plain-text acknowledgement body as the reply text.
      return JSON.createObjectNode().put("text", Escaping.mrkdwn(body));
    }
  }
}
