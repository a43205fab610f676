package dev.shepherd.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shepherd.audit.Action;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.event.HomeTab;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.ClickAnswers;
import dev.shepherd.slack.posting.EphemeralReplies;
import dev.shepherd.slack.posting.StaleButtonHandler;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.slack.view.ButtonValue;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A click on a step's button: one engine call, then the thread sync (or the refusal's ephemeral
 * reply) queued for after the ack. Skip opens a modal for the reason instead.
 */
public final class ButtonListener implements BlockActionHandler {
  private static final Logger log = LoggerFactory.getLogger(ButtonListener.class);

  private final RolloutService rollouts;
  private final SyncWorker worker;
  private final ChatGateway slack;
  private final StaleButtonHandler outOfDate;
  private final HomeTab home;
  private final ResolutionModal resolutions;
  private final SkipModal skips;
  private final ClickAnswers answers;

  public ButtonListener(
      RolloutService rollouts,
      SyncWorker worker,
      ChatGateway slack,
      StaleButtonHandler outOfDate,
      HomeTab home,
      ResolutionModal resolutions,
      SkipModal skips,
      ClickAnswers answers) {
    this.answers = answers;
    this.resolutions = resolutions;
    this.skips = skips;
    this.rollouts = rollouts;
    this.outOfDate = outOfDate;
    this.home = home;
    this.worker = worker;
    this.slack = slack;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    BlockActionPayload payload = request.getPayload();
    BlockActionPayload.Action clicked = payload.getActions().get(0);
    Optional<ButtonValue.Parsed> target = ButtonValue.parse(clicked.getValue());
    Optional<Action> action =
        ActionIds.START.equals(clicked.getActionId())
            ? Optional.of(Action.BEGIN)
            : ActionIds.action(clicked.getActionId());
    String user = payload.getUser().getId();
    if (target.isEmpty() || action.isEmpty()) {
      // An older message's button, or an id this version no longer draws: Slack shows the user
      // an error for anything but a 200, so ack and tell only the clicker.
      log.info(
          "click by {} on {} with a value this version cannot read",
          LogLines.escaped(user),
          LogLines.escaped(clicked.getActionId()));
      outOfDate.tell(payload, clicked.getValue());
      return context.ack();
    }
    ButtonValue.Parsed step = target.get();
    if (action.get() == Action.SKIP) {
      String trigger = payload.getTriggerId();
      skips.open(slack, trigger, clicked.getValue(), step);
      return context.ack();
    }
    String key = "click:" + clicked.getActionId() + ":" + clicked.getActionTs() + ":" + user;
    Outcome outcome =
        action.get() == Action.BEGIN
            ? rollouts.begin(step.rolloutId(), user, key)
            : rollouts.act(
                new ActionRequest(
                    step.rolloutId(),
                    action.get(),
                    step.phase(),
                    step.position(),
                    user,
                    key,
                    Optional.empty(),
                    step.drawn()));
    log.info(
        "rollout {}: {} on {} step {} by {}: {}",
        LogLines.escaped(step.rolloutId()),
        LogLines.escaped(clicked.getActionId()),
        step.phase().label(),
        step.position(),
        LogLines.escaped(user),
        outcome.getClass().getSimpleName());
    if (payload.getView() != null && "home".equals(payload.getView().getType())) {
      // A click on the Home tab: the tab shows what it changed (or that it did not).
      worker.runNow(() -> home.opened(user));
    }
    if (outcome instanceof Outcome.Refused refused) {
      EphemeralReplies.refused(worker, slack, payload, refused.refusal());
      if (refused.refusal().reason() == Refusal.Reason.CHANGED_SINCE_DRAWN) {
        // The clicker saw another step than the one that would run: draw it as it is now.
        worker.sync(step.rolloutId());
      }
      // A refusal changed nothing, so the thread has nothing new to show; a thread a failed
      // post left behind is retried by the sweep. (A sync per refused click redrew the whole
      // thread each time: under a burst of stale clicks that kept every Slack worker busy.)
      return context.ack();
    }
    if (action.get() == Action.DONE && outcome instanceof Outcome.Accepted) {
      // First: the click's trigger is good for three seconds, the thread's redraw can wait.
      String trigger = payload.getTriggerId();
      resolutions.afterDone(trigger, step);
    }
    outcome.rollout().ifPresent(r -> answer(payload, r.id()));
    outcome.rollout().ifPresent(r -> worker.sync(r.id()));
    return context.ack();
  }

  /**
   * The clicked message is redrawn through the click's response URL, outside chat.update's
   * workspace tier: the person who clicked sees it at once however many rollouts run.
   */
  private void answer(BlockActionPayload payload, String rolloutId) {
    if (payload.getResponseUrl() != null
        && payload.getChannel() != null
        && payload.getContainer() != null
        && payload.getContainer().getMessageTs() != null) {
      answers.answer(
          rolloutId,
          payload.getChannel().getId(),
          payload.getContainer().getMessageTs(),
          payload.getResponseUrl());
    }
  }
}
