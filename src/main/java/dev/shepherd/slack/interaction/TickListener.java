package dev.shepherd.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.EphemeralReplies;
import dev.shepherd.slack.posting.StaleButtonHandler;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ScheduleView;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A change of the checklist's checkboxes. Slack sends every box that is ticked now; each item whose
 * tick changed is one acknowledgement, keyed by the click, so a repeated delivery is one.
 */
public final class TickListener implements BlockActionHandler {
  private final RolloutService rollouts;
  private final SyncWorker worker;
  private final ChatGateway slack;
  private final StaleButtonHandler outOfDate;

  public TickListener(
      RolloutService rollouts, SyncWorker worker, ChatGateway slack, StaleButtonHandler outOfDate) {
    this.rollouts = rollouts;
    this.outOfDate = outOfDate;
    this.worker = worker;
    this.slack = slack;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    BlockActionPayload payload = request.getPayload();
    BlockActionPayload.Action action = payload.getActions().get(0);
    String block = action.getBlockId() == null ? "" : action.getBlockId();
    Optional<Rollout> rollout =
        block.startsWith(ScheduleView.CHECKLIST_BLOCK)
            ? rollouts.find(block.substring(ScheduleView.CHECKLIST_BLOCK.length()))
            : Optional.empty();
    if (rollout.isEmpty()) {
      outOfDate.tell(payload, "");
      return context.ack();
    }
    Set<Integer> ticked = new HashSet<>();
    if (action.getSelectedOptions() != null) {
      action
          .getSelectedOptions()
          .forEach(
              option -> {
                try {
                  ticked.add(Integer.parseInt(option.getValue()));
                } catch (NumberFormatException e) {
                  // not a box Shepherd drew: ignore it
                }
              });
    }
    String user = payload.getUser().getId();
    List<ChecklistState> checklist = rollouts.checklist(rollout.get());
    // Slack sends the boxes of the one element that changed: only its group's items can differ.
    int from = ScheduleView.tickGroup(action.getActionId()) * ScheduleView.CHECKBOX_GROUP;
    List<ChecklistState> group =
        from >= checklist.size()
            ? List.of()
            : checklist.subList(
                from, Math.min(from + ScheduleView.CHECKBOX_GROUP, checklist.size()));
    for (ChecklistState item : group) {
      boolean wanted = ticked.contains(item.item());
      if (wanted == item.isTicked()) {
        continue;
      }
      Outcome outcome =
          rollouts.tick(
              rollout.get().id(),
              item.item(),
              wanted,
              user,
              "tick:" + action.getActionTs() + ":" + user + ":" + item.item());
      if (outcome instanceof Outcome.Refused refused) {
        EphemeralReplies.refused(worker, slack, payload, refused.refusal());
        break;
      }
    }
    worker.sync(rollout.get().id());
    return context.ack();
  }
}
