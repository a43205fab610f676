package dev.shepherd.slack.view;

import static dev.shepherd.slack.view.ViewFixture.ALICE;
import static dev.shepherd.slack.view.ViewFixture.LOCATION;
import static dev.shepherd.slack.view.ViewFixture.ROLLOUT_ID;
import static dev.shepherd.slack.view.ViewFixture.T0;
import static dev.shepherd.slack.view.ViewFixture.forward;
import static dev.shepherd.slack.view.ViewFixture.rollout;
import static dev.shepherd.slack.view.ViewFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.audit.Redaction;
import dev.shepherd.audit.Redactions;
import dev.shepherd.format.FreeText;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.Summary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A redaction's reason is what a person wrote: wherever Shepherd shows it (the summary's notes, the
 * answer that a note is redacted already) a mention or a broadcast in it is text, never a ping.
 */
class RedactViewTest {
  private static final String REASON = "<!channel> <@U0BOB> said so, @here and @channel";

  /** The reason as Slack shows it: escaped, each @ before a word joined to nothing. */
  private static final String INERT =
      "&lt;!channel&gt; &lt;@"
          + FreeText.JOINER
          + "U0BOB&gt; said so, @"
          + FreeText.JOINER
          + "here and @"
          + FreeText.JOINER
          + "channel";

  private final Acknowledgement note =
      ack(7, Action.NOTE, Optional.of(1), "ACME-CORP's password is hunter2");
  private final Acknowledgement redaction =
      ack(9, Action.REDACT, Optional.empty(), Redaction.encode(7, REASON));

  @Test
  void aReasonWithMentionsIsTextInTheSummarysNotes() {
    Summary summary =
        Summary.of(
            rollout(RolloutState.COMPLETED, forward(4), List.of(), List.of(), Optional.empty()),
            Redactions.shown(List.of(note, redaction)),
            List.of("dev", "prod"));

    SlackMessage message = SummaryMessageView.render(summary, LOCATION);

    String shown = String.join("\n", texts(message)) + "\n" + message.text();
    assertThat(shown)
        .contains("[redacted by U0ALICE at 2026-11-27 09:00:00 UTC: " + INERT + "]")
        .doesNotContain("ACME-CORP", "<!channel>", "<!here>", "<@U0BOB>", "@here", "@channel");
  }

  @Test
  void aReasonWithMentionsIsTextInTheAnswerThatTheNoteIsRedactedAlready() {
    String already = RedactView.already(Redaction.of(redaction).orElseThrow());

    assertThat(already)
        .isEqualTo(
            ":information_source: This note was already redacted by <@U0ALICE>"
                + " <!date^1795770000^{date_short_pretty} {time}|2026-11-27 09:00 UTC>: "
                + INERT)
        .doesNotContain("<!channel>", "<@U0BOB>", "@here");
  }

  private static Acknowledgement ack(
      long id, Action action, Optional<Integer> position, String detail) {
    return new Acknowledgement(
        id,
        Optional.of(ROLLOUT_ID),
        "prod",
        position.map(p -> Phase.FORWARD),
        position,
        action,
        ALICE,
        T0,
        Optional.of("key-" + id),
        true,
        detail);
  }
}
