package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.sandbox.BlockChecks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A checklist reminder is a message Slack takes, however long the runbook's items are. */
class ChecklistReminderLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void longChecklistItemsStayWithinTheCheckboxOptionLimit() throws Exception {
    List<ChecklistState> checklist =
        IntStream.rangeClosed(1, 14)
            .mapToObj(
                i ->
                    new ChecklistState(
                        i,
                        "Confirm with the on-call for item "
                            + i
                            + " that "
                            + "the change window is open and the dashboards are green; ".repeat(4),
                        i % 3 == 0 ? Optional.of(ViewFixture.ALICE) : Optional.empty(),
                        i % 3 == 0 ? Optional.of(ViewFixture.T0) : Optional.empty()))
            .toList();

    SlackMessage reminder =
        ScheduleView.reminder(
            ViewFixture.running(ViewFixture.forward(0)), checklist, Duration.ofHours(1));

    JsonNode blocks = JSON.readTree(ViewFixture.GSON.toJson(reminder.blocks()));
    assertThat(BlockChecks.problems(blocks, BlockChecks.MESSAGE_BLOCKS)).isEmpty();
    // Every item a box: ten to a checkboxes element, as Slack allows.
    List<JsonNode> groups = blocks.findValues("options");
    assertThat(groups).extracting(JsonNode::size).containsExactly(10, 4);
    groups.forEach(
        options ->
            options.forEach(
                option ->
                    assertThat(option.path("text").path("text").asText().length())
                        .isBetween(1, 75)));
    assertThat(blocks.findValuesAsText("action_id"))
        .containsExactly("shepherd.tick", "shepherd.tick:1");
  }
}
