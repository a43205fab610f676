package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code shepherd serve} before a Slack app is connected. */
class ServeCommandTest {
  @Test
  void serveWithoutSlackCredentialsSaysSoInOneLineAndPointsToTheSandbox() {
    Assumptions.assumeTrue(
        System.getenv("SLACK_BOT_TOKEN") == null,
        "SLACK_BOT_TOKEN is set in this environment, so serve would start");

    Cli.Result result = Cli.run("serve", "--port", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines())
        .containsExactly(
            "shepherd serve: SLACK_BOT_TOKEN is not set: set it"
                + " to the bot token (xoxb-…) from your Slack app's OAuth page, or try Shepherd without"
                + " Slack: java -jar target/shepherd.jar sandbox");
  }

  @Test
  void sandboxIsAListedCommand() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.out())
        .contains("sandbox", "Rehearse a rollout in a browser, no Slack workspace needed.");
  }
}
