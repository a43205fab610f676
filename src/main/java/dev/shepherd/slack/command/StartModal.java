package dev.shepherd.slack.command;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ConversationsSelectElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.shepherd.format.LogLines;
import dev.shepherd.partition.Choreography;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting a rollout from a form: {@code /rollout} alone, or the global shortcut "Start a rollout",
 * opens a modal (partition, runbook, optional override reason, and the channel when the shortcut
 * has none); its submission starts the rollout, or shows the refusal in the form.
 */
public final class StartModal implements ViewSubmissionHandler {
  public static final String CALLBACK = "shepherd.start-rollout";

  /** The global shortcut's callback id, as config/slack-app-manifest.yaml declares it. */
  public static final String SHORTCUT = "shepherd.start-rollout";

  private static final Logger log = LoggerFactory.getLogger(StartModal.class);

  /** Slack allows 100 options to a static select; more are typed instead. */
  private static final int MAX_OPTIONS = 100;

  private final CommandRunner commands;
  private final Supplier<Catalog> catalog;
  private final Choreography choreography;
  private final SyncWorker worker;

  public StartModal(
      CommandRunner commands,
      Supplier<Catalog> catalog,
      Choreography choreography,
      SyncWorker worker) {
    this.commands = commands;
    this.catalog = catalog;
    this.choreography = choreography;
    this.worker = worker;
  }

  /** Opens the form; {@code channel} is where the command was typed, empty for the shortcut. */
  public void open(ChatGateway slack, String triggerId, Optional<String> channel) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(input("partition", "Partition", choose("partition", choreography.names())));
    blocks.add(
        input(
            "runbook",
            "Runbook",
            choose("runbook", catalog.get().runbooks().stream().map(Runbook::id).toList())));
    if (channel.isEmpty()) {
      blocks.add(
          input(
              "channel",
              "Channel for the thread",
              ConversationsSelectElement.builder()
                  .actionId("channel")
                  .defaultToCurrentConversation(true)
                  .build()));
    }
    InputBlock override =
        (InputBlock)
            input(
                "override",
                "Override reason (approvers only)",
                PlainTextInputElement.builder().actionId("override").build());
    override.setOptional(true);
    blocks.add(override);
    View modal =
        View.builder()
            .type("modal")
            .callbackId(CALLBACK)
            .privateMetadata(channel.orElse(""))
            .title(ViewTitle.builder().type("plain_text").text("Start a rollout").build())
            .submit(ViewSubmit.builder().type("plain_text").text("Start").build())
            .close(ViewClose.builder().type("plain_text").text("Cancel").build())
            .blocks(blocks)
            .build();
    worker.runNow(
        () -> {
          try {
            slack.openModal(triggerId, modal);
          } catch (ChatGateway.SlackCallFailed e) {
            log.warn("could not open the start form: {}", e.getMessage());
          }
        });
  }

  @Override
  public Response apply(ViewSubmissionRequest request, ViewSubmissionContext context) {
    View view = request.getPayload().getView();
    Map<String, Map<String, ViewState.Value>> values =
        view.getState() == null ? Map.of() : view.getState().getValues();
    Optional<String> partition = value(values, "partition");
    Optional<String> runbook = value(values, "runbook");
    Optional<String> channel =
        Optional.ofNullable(view.getPrivateMetadata())
            .filter(c -> !c.isBlank())
            .or(() -> value(values, "channel"));
    if (partition.isEmpty() || runbook.isEmpty() || channel.isEmpty()) {
      return context.ackWithErrors(
          Map.of(
              partition.isEmpty() ? "partition" : runbook.isEmpty() ? "runbook" : "channel",
              "Choose one."));
    }
    String user = request.getPayload().getUser().getId();
    Outcome outcome =
        commands.start(
            new StartRequest(
                runbook.get(),
                partition.get(),
                user,
                channel.get(),
                value(values, "override"),
                "start-form:" + view.getId()));
    log.info(
        "start form: {} on {} by {}: {}",
        LogLines.escaped(runbook.get()),
        LogLines.escaped(partition.get()),
        LogLines.escaped(user),
        outcome.getClass().getSimpleName());
    outcome.rollout().map(Rollout::id).ifPresent(worker::sync);
    if (outcome instanceof Outcome.Refused refused) {
      return context.ackWithErrors(Map.of("partition", refused.refusal().message()));
    }
    return context.ack();
  }

  private static Optional<String> value(
      Map<String, Map<String, ViewState.Value>> values, String block) {
    ViewState.Value value =
        Optional.ofNullable(values.get(block)).map(b -> b.get(block)).orElse(null);
    if (value == null) {
      return Optional.empty();
    }
    String chosen =
        value.getSelectedOption() != null
            ? value.getSelectedOption().getValue()
            : value.getSelectedConversation() != null
                ? value.getSelectedConversation()
                : value.getValue();
    return Optional.ofNullable(chosen).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** A select of the names, or a text field when there are more than Slack lists. */
  private static BlockElement choose(String actionId, List<String> names) {
    if (names.isEmpty()
        || names.size() > MAX_OPTIONS
        || names.stream().anyMatch(n -> n.length() > 150)) {
      return PlainTextInputElement.builder().actionId(actionId).build();
    }
    List<OptionObject> options =
        names.stream()
            .map(
                n ->
                    OptionObject.builder()
                        .text(
                            PlainTextObject.builder()
                                .text(n.length() > 75 ? n.substring(0, 74) + "…" : n)
                                .build())
                        .value(n)
                        .build())
            .toList();
    return StaticSelectElement.builder().actionId(actionId).options(options).build();
  }

  private static LayoutBlock input(String id, String label, BlockElement element) {
    return InputBlock.builder()
        .blockId(id)
        .label(PlainTextObject.builder().text(label).build())
        .element(element)
        .build();
  }
}
