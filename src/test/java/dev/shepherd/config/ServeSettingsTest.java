package dev.shepherd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the builder takes as typed options is held to what the environment is held to. */
class ServeSettingsTest {
  private static final Path DATA = Path.of("data");

  @Test
  void aPortGivenAsAnOptionIsCheckedAsPortIs() {
    ServeSettings.Builder builder =
        ServeSettings.builder().slack("http://127.0.0.1:9/api/", "xoxb-test", "secret");

    assertThatThrownBy(() -> builder.port(70000).build(DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PORT must be a whole number from 0 to 65535, not \"70000\"");
    assertThatThrownBy(() -> builder.port(-5).build(DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PORT must be a whole number from 0 to 65535, not \"-5\"");
    assertThat(builder.port(0).build(DATA).port()).isZero();
  }

  @Test
  void aBlankTokenGivenAsAnOptionIsNoToken() {
    ServeSettings.Builder builder =
        ServeSettings.builder().environment(Map.of()).slack("http://127.0.0.1:9/api/", " ", "s");

    assertThatThrownBy(() -> builder.build(DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SLACK_BOT_TOKEN is not set");
  }

  @Test
  void anOptionWinsOverTheEnvironmentAndTheEnvironmentFillsTheRest() {
    ServeSettings settings =
        ServeSettings.builder()
            .environment(
                Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-env",
                    "SLACK_SIGNING_SECRET", "env-secret",
                    "PORT", "4000",
                    "SHEPHERD_DB_USER", "shepherd"))
            .port(5000)
            .build(DATA);

    assertThat(settings.port()).isEqualTo(5000);
    assertThat(settings.slackBotToken()).isEqualTo("xoxb-env");
    assertThat(settings.dbUser()).isEqualTo("shepherd");
  }
}
