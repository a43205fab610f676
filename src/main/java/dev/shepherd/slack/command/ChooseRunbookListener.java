package dev.shepherd.slack.command;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.EphemeralReplies;
import dev.shepherd.slack.posting.StaleButtonHandler;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.RefusalText;
import dev.shepherd.slack.view.RunbookChoiceView;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A click on a runbook's Start button under {@code /rollout <partition>}: starts it. */
public final class ChooseRunbookListener implements BlockActionHandler {
  private static final Logger log = LoggerFactory.getLogger(ChooseRunbookListener.class);

  private final RolloutService rollouts;
  private final SyncWorker worker;
  private final ChatGateway slack;
  private final StaleButtonHandler outOfDate;

  public ChooseRunbookListener(
      RolloutService rollouts, SyncWorker worker, ChatGateway slack, StaleButtonHandler outOfDate) {
    this.rollouts = rollouts;
    this.worker = worker;
    this.slack = slack;
    this.outOfDate = outOfDate;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    BlockActionPayload payload = request.getPayload();
    BlockActionPayload.Action clicked = payload.getActions().get(0);
    Optional<String[]> choice = RunbookChoiceView.parse(clicked.getValue());
    if (choice.isEmpty() || payload.getChannel() == null) {
      outOfDate.tell(payload, clicked.getValue());
      return context.ack();
    }
    String partition = choice.get()[0];
    String runbook = choice.get()[1];
    String user = payload.getUser().getId();
    String channel = payload.getChannel().getId();
    Outcome outcome =
        rollouts.start(
            new StartRequest(
                runbook,
                partition,
                user,
                channel,
                Optional.empty(),
                "choose:" + clicked.getActionTs() + ":" + user,
                Optional.ofNullable(payload.getTeam()).map(t -> t.getId())));
    log.info(
        "chose {} on {} by {}: {}",
        LogLines.escaped(runbook),
        LogLines.escaped(partition),
        LogLines.escaped(user),
        outcome.getClass().getSimpleName());
    outcome.rollout().map(Rollout::id).ifPresent(worker::sync);
    String text =
        outcome
            .refusalMessage()
            .map(RefusalText::render)
            .orElse("Starting " + runbook + " on " + partition + "…");
    worker.runNow(() -> EphemeralReplies.ephemeral(slack, channel, user, Optional.empty(), text));
    return context.ack();
  }
}
