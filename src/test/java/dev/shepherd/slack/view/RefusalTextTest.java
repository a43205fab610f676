package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.rollout.Refusal;
import org.junit.jupiter.api.Test;

class RefusalTextTest {
  @Test
  void saysWhyWithRealMentionsAndEscapedText() {
    Refusal refusal =
        new Refusal(
            Refusal.Reason.SELF_APPROVAL,
            "you started this rollout, so"
                + " someone else must approve its steps (approvers: @U0ALICE, @U0BOB) <in #C0DEPLOY>");

    assertThat(RefusalText.render(refusal))
        .isEqualTo(
            ":no_entry: you started this rollout, so"
                + " someone else must approve its steps (approvers: <@U0ALICE>, <@U0BOB>)"
                + " &lt;in <#C0DEPLOY>&gt;");
  }
}
