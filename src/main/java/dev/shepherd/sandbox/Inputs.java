package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * A modal's {@code state.values} as Slack sends it on submit: for each input block, {@code
 * values[block_id][action_id]} with the element's type and what was typed or ticked.
 */
final class Inputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Inputs() {}

  /**
   * @param typed what the page sent: {@code {block_id: {action_id: "text" | ["value", …]}}}
   */
  static ObjectNode values(JsonNode view, JsonNode typed) {
    ObjectNode values = JSON.createObjectNode();
    for (JsonNode block : view.path("blocks")) {
      if (!block.path("type").asText().equals("input")) {
        continue;
      }
      JsonNode element = block.path("element");
      String blockId = block.path("block_id").asText();
      String actionId = element.path("action_id").asText();
      JsonNode given = typed.path(blockId).path(actionId);
      ObjectNode value = values.putObject(blockId).putObject(actionId);
      String type = element.path("type").asText();
      value.put("type", type);
      if (type.equals("checkboxes")) {
        Set<String> ticked = new HashSet<>();
        given.forEach(v -> ticked.add(v.asText()));
        ArrayNode selected = value.putArray("selected_options");
        element
            .path("options")
            .forEach(
                o -> {
                  if (ticked.contains(o.path("value").asText())) {
                    selected.add(o);
                  }
                });
      } else if (given.isTextual() && !given.asText().isEmpty()) {
        value.put("value", given.asText());
      } else {
        value.putNull("value");
      }
    }
    return values;
  }
}
