package dev.shepherd.slack.view;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.RecordLimits;
import dev.shepherd.audit.Redaction;
import java.util.Optional;

/**
 * The modals of the message shortcut <b>Redact from the record</b>: the form asking why a note
 * comes off the record, and what is said instead when there is nothing to redact.
 */
public final class RedactView {
  public static final String CALLBACK = "shepherd.redact";

  /** The reason's block, and its input. */
  public static final String REASON = "reason";

  private static final String TITLE = "Redact from the record";

  /** How much of an earlier redaction's reason a notice shows. */
  private static final int SHOWN_REASON = 1000;

  /** What the shortcut says of a message that is no note on any rollout's record. */
  public static final String NOT_A_NOTE =
      ":information_source: This message is not a note on a rollout's record: only replies in a"
          + " rollout's thread are. A note from *Add note*, a symptom or a fix is redacted with"
          + " `/rollout redact <rollout-id> <#> <reason>` (the # of its row in the export).";

  private RedactView() {}

  /** The form for one note; its metadata names the note ({@link #target}). */
  public static View form(Acknowledgement note) {
    String rolloutId = note.rolloutId().orElseThrow();
    String what =
        "The "
            + note.action().label().replace('_', ' ')
            + " "
            + Mrkdwn.user(note.user())
            + " wrote "
            + Mrkdwn.date(note.at())
            + note.position().map(p -> " on step " + p).orElse("")
            + " comes off what the record shows: the export, the summary, the retrospective and"
            + " what Shepherd learns show who redacted it, when and why instead. The record keeps"
            + " its row as it was written, so its chain still verifies; delete or edit the message"
            + " in Slack yourself.";
    return view(
        v ->
            v.type("modal")
                .callbackId(CALLBACK)
                .privateMetadata(rolloutId + ":" + note.id())
                .title(viewTitle(t -> t.type("plain_text").text(TITLE)))
                .submit(viewSubmit(s -> s.type("plain_text").text("Redact")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(
                    asBlocks(
                        section(s -> s.text(markdownText(what))),
                        input(
                            i ->
                                i.blockId(REASON)
                                    .label(plainText("Why does it come off the record?"))
                                    .element(
                                        plainTextInput(
                                            p ->
                                                p.actionId(REASON)
                                                    .multiline(true)
                                                    .maxLength(RecordLimits.REASON)))))));
  }

  /** A modal that only says something: nothing to redact, or already redacted. */
  public static View notice(String mrkdwn) {
    return view(
        v ->
            v.type("modal")
                .title(viewTitle(t -> t.type("plain_text").text(TITLE)))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(asBlocks(section(s -> s.text(markdownText(mrkdwn))))));
  }

  /** What is said of a note already redacted: by whom, when and why. */
  public static String already(Redaction redaction) {
    return ":information_source: This note was already redacted by "
        + Mrkdwn.user(redaction.by())
        + " "
        + Mrkdwn.date(redaction.at())
        + ": "
        + TextClips.clip(Mrkdwn.freeText(redaction.reason()), SHOWN_REASON);
  }

  /** The rollout and the acknowledgement a form's metadata names. */
  public static Optional<Target> target(String metadata) {
    if (metadata == null) {
      return Optional.empty();
    }
    int split = metadata.lastIndexOf(':');
    if (split <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Target(metadata.substring(0, split), Long.parseLong(metadata.substring(split + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A note of a rollout's record, by the rollout's id and the note's acknowledgement id. */
  public record Target(String rolloutId, long acknowledgement) {}
}
