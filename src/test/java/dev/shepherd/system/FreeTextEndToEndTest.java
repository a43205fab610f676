package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person writes is shown as text: a reason that names someone or the whole channel pings
 * nobody, in what the fake Slack receives.
 */
@Timeout(120)
class FreeTextEndToEndTest {
  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @BeforeEach
  void start() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
  }

  @AfterEach
  void stop() {
    shepherd.close();
  }

  @Test
  void aMentionInAnOverrideReasonIsNotAPing() throws Exception {
    shepherd.command(
        ALICE, "prod oam-secrets --override \"drill <@U0VICTIM> @U0EVIL <!channel> @here\"");

    FakeSlack.Message root = shepherd.root("prod");

    assertThat(root.allText())
        .contains("drill &lt;@\u2060U0VICTIM&gt; @\u2060U0EVIL &lt;!channel&gt; @\u2060here");
    for (FakeSlack.Message message : shepherd.slack.messages()) {
      assertThat(message.allText())
          .doesNotContain("<@U0VICTIM", "<@U0EVIL", "<!channel>", "<!here>", "@U0EVIL", "@here");
    }
  }

  @Test
  void aMentionInAFreezeReasonIsNotAPingInStatusOrInTheRefusal() throws Exception {
    assertThat(shepherd.command(ALICE, "freeze dev incident @U0EVIL <!here>"))
        .contains("dev is frozen");

    String status = shepherd.command(ALICE, "status");
    String refusal = shepherd.command(ALICE, "dev oam-secrets");

    assertThat(status).contains("incident @\u2060U0EVIL &lt;!here&gt;");
    assertThat(refusal).contains("incident @\u2060U0EVIL &lt;!here&gt;");
    assertThat(status + refusal).doesNotContain("<@U0EVIL>", "<!here>");
  }
}
