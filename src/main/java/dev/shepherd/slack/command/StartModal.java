package dev.shepherd.slack.command;

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
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.shepherd.partition.Choreography;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.slack.interaction.ModalFlow;
import dev.shepherd.slack.interaction.ModalInputs;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starting a rollout from a form: {@code /rollout} alone, or the global shortcut "Start a rollout",
 * opens a modal (partition, runbook, optional override reason, and the channel when the shortcut
 * has none); its submission starts the rollout, or shows the refusal in the form.
 */
public final class StartModal extends ModalFlow<StartRequest> {
  public static final String CALLBACK = "shepherd.start-rollout";

  /** The global shortcut's callback id, as config/slack-app-manifest.yaml declares it. */
  public static final String SHORTCUT = "shepherd.start-rollout";

  /** Slack allows 100 options to a static select; more are typed instead. */
  private static final int MAX_OPTIONS = 100;

  private final RolloutService rollouts;
  private final Supplier<Catalog> catalog;
  private final Choreography choreography;
  private final ChannelMembers members;

  /**
   * @param members asked whether the submitter is in the channel chosen in the form (the shortcut's
   *     case; a typed command is in its channel already)
   */
  public StartModal(
      RolloutService rollouts,
      Supplier<Catalog> catalog,
      Choreography choreography,
      SyncWorker worker,
      ChannelMembers members) {
    super(worker, "partition");
    this.rollouts = rollouts;
    this.catalog = catalog;
    this.choreography = choreography;
    this.members = members;
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
    open(slack, triggerId, modal, "the start form");
  }

  @Override
  protected Form<StartRequest> read(View view, String user) {
    Optional<String> partition = ModalInputs.choice(view, "partition");
    Optional<String> runbook = ModalInputs.choice(view, "runbook");
    Optional<String> typedIn =
        Optional.ofNullable(view.getPrivateMetadata()).filter(c -> !c.isBlank());
    Optional<String> channel = typedIn.or(() -> ModalInputs.choice(view, "channel"));
    if (partition.isEmpty() || runbook.isEmpty() || channel.isEmpty()) {
      return new Form.Invalid<>(
          partition.isEmpty() ? "partition" : runbook.isEmpty() ? "runbook" : "channel",
          "Choose one.");
    }
    if (typedIn.isEmpty()) {
      Optional<String> outsider = members.refusal(channel.get(), user);
      if (outsider.isPresent()) {
        return new Form.Invalid<>("channel", outsider.get());
      }
    }
    return new Form.Filled<>(
        new StartRequest(
            runbook.get(),
            partition.get(),
            user,
            channel.get(),
            ModalInputs.choice(view, "override"),
            "start-form:" + view.getId(),
            Optional.ofNullable(view.getTeamId())));
  }

  @Override
  protected Answer submit(StartRequest start) {
    return Answer.of(rollouts.start(start));
  }

  @Override
  protected String describe(StartRequest start) {
    return "start form: " + start.runbookId() + " on " + start.partition();
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
