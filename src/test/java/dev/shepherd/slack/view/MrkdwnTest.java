package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MrkdwnTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiterString = " ⇒ ",
      quoteCharacter = '"',
      textBlock =
          """
      **bold** ⇒ *bold*
      __bold__ ⇒ *bold*
      *italic* ⇒ _italic_
      _italic_ ⇒ _italic_
      a **b** and *c* and `d` ⇒ a *b* and _c_ and `d`
      ***both*** ⇒ _*both*_
      snake_case_name stays ⇒ snake_case_name stays
      [the docs](https://example.com/a?b=1&c=2) ⇒ <https://example.com/a?b=1&amp;c=2|the docs>
      [a|b](https://example.com/x|y) ⇒ <https://example.com/x%7Cy|a|b>
      <https://example.com> ⇒ <https://example.com>
      [the notes](docs/notes.md) ⇒ the notes (docs/notes.md)
      ![diagram](https://example.com/d.png) ⇒ <https://example.com/d.png|diagram>
      # Deploy ⇒ *Deploy*
      ### Deploy **now** ### ⇒ *Deploy now*
      - first ⇒ • first
      * second ⇒ • second
      "  + nested" ⇒ "  • nested"
      - [ ] open task ⇒ • ☐ open task
      - [x] done task ⇒ • ☑ done task
      1. first ⇒ 1. first
      2) second ⇒ 2. second
      > quoted **text** ⇒ > quoted *text*
      --- ⇒ ──────────
      a < b && c > d ⇒ a &lt; b &amp;&amp; c &gt; d
      `a<b> & c` ⇒ `a&lt;b&gt; &amp; c`
      <!-- a comment --> ⇒ &lt;!-- a comment --&gt;
      tell <!channel> and <@U0ALICE> ⇒ tell &lt;!channel&gt; and &lt;@U0ALICE&gt;
      1 * 2 * 3 ⇒ 1 * 2 * 3
      ask @U0ALICE in #C0DEPLOY ⇒ ask @U0ALICE in #C0DEPLOY
      """)
  void convertsInlineAndLineMarkdown(String markdown, String mrkdwn) {
    assertThat(Mrkdwn.fromMarkdown(markdown)).isEqualTo(mrkdwn);
  }

  @Test
  void fenceKeepsItsContentEscapedAndDropsTheLanguageWord() {
    String markdown =
        """
        Run:
        ```bash
        ./deploy.sh --vault "a&b" 2>&1 | grep '<ok>' # **not bold**
        ```
        Then **check**.""";

    assertThat(Mrkdwn.fromMarkdown(markdown))
        .isEqualTo(
            """
        Run:
        ```
        ./deploy.sh --vault "a&amp;b" 2&gt;&amp;1 | grep '&lt;ok&gt;' # **not bold**
        ```
        Then *check*.""");
  }

  @Test
  void tildeAndLongerFencesCloseOnlyOnTheirOwnMarker() {
    String markdown = "~~~~sh\n```\nliteral\n~~~~\nafter";

    assertThat(Mrkdwn.fromMarkdown(markdown)).isEqualTo("```\n```\nliteral\n```\nafter");
  }

  @Test
  void indentedFenceInAListLosesOnlyItsIndentation() {
    String markdown = "1. Run:\n   ```bash\n   make deploy\n     --fast\n   ```";

    assertThat(Mrkdwn.fromMarkdown(markdown)).isEqualTo("1. Run:\n```\nmake deploy\n  --fast\n```");
  }

  @Test
  void unclosedFenceIsClosedSoTheRestOfTheMessageIsNotCode() {
    assertThat(Mrkdwn.fromMarkdown("```\nmake deploy")).isEqualTo("```\nmake deploy\n```");
  }

  @Test
  void keepsOneOutputLinePerInputLine() {
    String markdown = "# Title\n\n- a\n\n```sh\nx\n```\ntext\n";

    assertThat(Mrkdwn.fromMarkdown(markdown).split("\n", -1))
        .hasSameSizeAs(markdown.split("\n", -1));
  }

  @Test
  void backticksLeftInTextCannotOpenACodeBlock() {
    assertThat(Mrkdwn.fromMarkdown("type ``` then `a``b`"))
        .isEqualTo("type `\u200B`\u200B` then `a`\u200B`b`");
  }

  @Test
  void lineTooLongForProseIsShownAsWrittenButEscaped() {
    String log = "ERROR **not bold** <trace> " + "x".repeat(2000);

    assertThat(Mrkdwn.fromMarkdown(log))
        .isEqualTo("ERROR **not bold** &lt;trace&gt; " + "x".repeat(2000));
  }

  @Test
  void nestedQuotesFoldIntoOneSlackQuote() {
    assertThat(Mrkdwn.fromMarkdown("> > > deep **note**")).isEqualTo("> deep *note*");
  }

  @Test
  void mentionsTurnSlackIdsIntoMentionsAfterEscaping() {
    assertThat(Mrkdwn.mentions("started by @U0ALICE & @W0BOB in #C0DEPLOY: <script> ok"))
        .isEqualTo("started by <@U0ALICE> &amp; <@W0BOB> in <#C0DEPLOY>: &lt;script&gt; ok");
  }

  @Test
  void mentionsLeaveWhatIsNotAnIdAlone() {
    assertThat(Mrkdwn.mentions("mail bob@U0ALICE, @alice, @U0, @U0alice, #general, #C1 and C#"))
        .isEqualTo("mail bob@U0ALICE, @alice, @U0, @U0alice, #general, #C1 and C#");
  }

  @Test
  void mentionsEndAtPunctuation() {
    assertThat(Mrkdwn.mentions("approvers: @U0ALICE, @U0BOB (2 per step); ask @U0ALICE's lead."))
        .isEqualTo("approvers: <@U0ALICE>, <@U0BOB> (2 per step); ask <@U0ALICE>'s lead.");
  }

  @Test
  void usersAndDatesUseSlackFormatting() {
    assertThat(Mrkdwn.users(List.of("U0ALICE", "U0BOB"))).isEqualTo("<@U0ALICE>, <@U0BOB>");
    assertThat(Mrkdwn.users(List.of())).isEqualTo("none");
    assertThat(Mrkdwn.date(Instant.parse("2026-11-27T09:00:00Z")))
        .isEqualTo("<!date^1795770000^{date_short_pretty} {time}|2026-11-27 09:00 UTC>");
  }
}
