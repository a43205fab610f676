package dev.shepherd.slack.command;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.shepherd.audit.Redaction;
import dev.shepherd.export.EvidencePack;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.RedactRequest;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.EphemeralReplies;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.EvidenceView;
import dev.shepherd.slack.view.HelpView;
import dev.shepherd.slack.view.Mrkdwn;
import dev.shepherd.slack.view.RedactView;
import dev.shepherd.slack.view.RefusalText;
import dev.shepherd.slack.view.SlackMessage;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /rollout …}: reads the words, calls the engine once, queues the Slack work, and answers
 * with one ephemeral line, all within Slack's three seconds.
 */
public final class CommandListener implements SlashCommandHandler {
  private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

  private final CommandRunner commands;
  private final RolloutService rollouts;
  private final SyncWorker worker;

  private final StartModal startModal;
  private final ChatGateway slack;
  private final BiFunction<LocalDate, Set<String>, List<EvidencePack.Change>> evidence;

  /**
   * @param evidence the changes of a day on the given partitions, with what was checked of each
   */
  public CommandListener(
      CommandRunner commands,
      RolloutService rollouts,
      SyncWorker worker,
      StartModal startModal,
      ChatGateway slack,
      BiFunction<LocalDate, Set<String>, List<EvidencePack.Change>> evidence) {
    this.evidence = evidence;
    this.commands = commands;
    this.rollouts = rollouts;
    this.worker = worker;
    this.startModal = startModal;
    this.slack = slack;
  }

  @Override
  public Response apply(SlashCommandRequest request, SlashCommandContext context) {
    SlashCommandPayload payload = request.getPayload();
    String user = payload.getUserId();
    String channel = payload.getChannelId();
    String key = "command:" + payload.getTriggerId();
    if (payload.getText() == null || payload.getText().isBlank()) {
      // /rollout alone: the form, rather than asking the operator to remember the words.
      startModal.open(slack, payload.getTriggerId(), Optional.of(channel));
      return context.ack();
    }
    CommandText command = CommandText.parse(payload.getText());
    if (command instanceof CommandText.Risks risks) {
      SlackMessage listed = commands.risks(risks.runbook(), user);
      return context.ack(r -> r.text(listed.text()).blocks(listed.blocks()));
    }
    if (command instanceof CommandText.Stats stats) {
      SlackMessage answer = commands.stats(stats.runbook(), user);
      return context.ack(r -> r.text(answer.text()).blocks(answer.blocks()));
    }
    if (command instanceof CommandText.Start start && start.runbook().isEmpty()) {
      Optional<SlackMessage> buttons = commands.onlyRunbookFor(start.partition()).buttons();
      if (buttons.isPresent()) {
        return context.ack(r -> r.text(buttons.get().text()).blocks(buttons.get().blocks()));
      }
    }
    if (command instanceof CommandText.Evidence asked) {
      return context.ack(evidence(asked.day(), user, channel));
    }
    return context.ack(
        reply(command, user, channel, key, Optional.ofNullable(payload.getTeamId())));
  }

  /** The evidence of a day, on the partitions the user approves, told to them alone. */
  private String evidence(LocalDate day, String user, String channel) {
    Set<String> partitions = commands.approvedBy(user);
    if (partitions.isEmpty()) {
      return ":no_entry: only approvers may see the change evidence: you approve no partition";
    }
    worker.runNow(
        () ->
            EphemeralReplies.ephemeral(
                slack,
                channel,
                user,
                Optional.empty(),
                EvidenceView.render(day, evidence.apply(day, partitions))));
    return "Gathering the change evidence of " + day + "; only you will see it.";
  }

  private String reply(
      CommandText command, String user, String channel, String key, Optional<String> team) {
    if (command instanceof CommandText.Start start) {
      return start(start, user, channel, key, team);
    }
    if (command instanceof CommandText.Status) {
      return commands.status(user);
    }
    if (command instanceof CommandText.ListRunbooks) {
      return commands.list(user);
    }
    if (command instanceof CommandText.Abort abort) {
      return outcome(
          rollouts.abortActive(abort.partition(), user, key),
          "Aborting the rollout on " + abort.partition() + "…");
    }
    if (command instanceof CommandText.FreezeAll freeze) {
      return outcome(
          rollouts.freezeAll(user, freeze.reason(), key),
          ":ice_cube: every partition is"
              + " frozen: no rollout starts anywhere until `/rollout unfreeze all`");
    }
    if (command instanceof CommandText.UnfreezeAll) {
      return outcome(rollouts.unfreezeAll(user, key), "Every partition is open for rollouts again");
    }
    if (command instanceof CommandText.Freeze freeze) {
      return outcome(
          rollouts.freeze(freeze.partition(), user, freeze.reason(), key),
          ":ice_cube: "
              + freeze.partition()
              + " is frozen: no rollout starts there until `/rollout unfreeze "
              + freeze.partition()
              + "`");
    }
    if (command instanceof CommandText.Unfreeze unfreeze) {
      return outcome(
          rollouts.unfreeze(unfreeze.partition(), user, key),
          unfreeze.partition() + " is open for rollouts again");
    }
    if (command instanceof CommandText.Schedule schedule) {
      return commands.schedule(schedule, user, channel, key, team, worker);
    }
    if (command instanceof CommandText.Unschedule unschedule) {
      return outcome(
          rollouts.unschedule(unschedule.partition(), user, key),
          "The rollout scheduled on " + unschedule.partition() + " is cancelled");
    }
    if (command instanceof CommandText.Redact redact) {
      return redact(redact, user, key);
    }
    if (command instanceof CommandText.Invalid invalid) {
      return ":question: " + Mrkdwn.mentions(invalid.problem());
    }
    return HelpView.TEXT;
  }

  /**
   * A redaction by the row's number: done, refused, or already done by someone (when, why). Only
   * for who can read the rollout's channel: the answer names who wrote the note, or who redacted it
   * and why.
   */
  private String redact(CommandText.Redact redact, String user, String key) {
    if (!rollouts.canSee(redact.rolloutId(), user)) {
      return ":no_entry: no rollout "
          + Mrkdwn.escape(redact.rolloutId())
          + " in a channel you can read: its notes are redacted by its channel's members";
    }
    Outcome outcome =
        rollouts.redact(
            new RedactRequest(
                redact.rolloutId(), redact.acknowledgement(), user, redact.reason(), key));
    log.info(
        "/rollout redact {} {} by {}: {}",
        LogLines.escaped(redact.rolloutId()),
        redact.acknowledgement(),
        LogLines.escaped(user),
        outcome.getClass().getSimpleName());
    Optional<Redaction> earlier =
        outcome instanceof Outcome.Duplicate duplicate
            ? Redaction.of(duplicate.acknowledgement())
            : Optional.empty();
    if (earlier.isPresent()) {
      return RedactView.already(earlier.get());
    }
    return outcome(
        outcome,
        ":wastebasket: acknowledgement "
            + redact.acknowledgement()
            + " is off the record: the thread, the summary and the exports show who redacted it,"
            + " when and why instead. Delete or edit the message in Slack yourself.");
  }

  private String start(
      CommandText.Start start, String user, String channel, String key, Optional<String> team) {
    Optional<String> runbook = start.runbook();
    if (runbook.isEmpty()) {
      CommandRunner.Choice choice = commands.onlyRunbookFor(start.partition());
      if (choice.runbook().isEmpty()) {
        return choice.reply();
      }
      runbook = choice.runbook();
    }
    Outcome outcome =
        rollouts.start(
            new StartRequest(
                runbook.get(), start.partition(), user, channel, start.override(), key, team));
    log.info(
        "/rollout {} {} by {}: {}",
        LogLines.escaped(start.partition()),
        LogLines.escaped(runbook.get()),
        LogLines.escaped(user),
        outcome.getClass().getSimpleName());
    return outcome(outcome, "Starting " + runbook.get() + " on " + start.partition() + "…");
  }

  private String outcome(Outcome outcome, String accepted) {
    outcome.rollout().map(Rollout::id).ifPresent(worker::sync);
    // A command Slack sent again after a refusal is a duplicate of the refusal: still refused.
    return outcome.refusalMessage().map(RefusalText::render).orElse(accepted);
  }
}
