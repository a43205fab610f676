package dev.shepherd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManagementPortSettingTest {
  private static Map<String, String> env(String... pairs) {
    Map<String, String> env =
        new HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-test", "SLACK_SIGNING_SECRET", "secret"));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void unsetMeansEverythingOnThePublicPort() {
    assertThat(ServeSettings.from(env(), Path.of("data")).managementPort()).isEmpty();
  }

  @Test
  void setItIsReadAndShown() {
    ServeSettings settings =
        ServeSettings.from(env("SHEPHERD_MANAGEMENT_PORT", "9090"), Path.of("data"));

    assertThat(settings.managementPort()).isEqualTo(Optional.of(9090));
    assertThat(settings.toString()).contains("port=3000, managementPort=9090");
  }

  @Test
  void theSamePortAsPortOrNotANumberIsRefusedNamingTheVariable() {
    assertThatThrownBy(
            () -> ServeSettings.from(env("SHEPHERD_MANAGEMENT_PORT", "3000"), Path.of("data")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "SHEPHERD_MANAGEMENT_PORT must differ from PORT (3000): it keeps /metrics and /readyz"
                + " off the public port");
    assertThatThrownBy(
            () -> ServeSettings.from(env("SHEPHERD_MANAGEMENT_PORT", "metrics"), Path.of("data")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "SHEPHERD_MANAGEMENT_PORT must be a whole number from 0 to 65535, not \"metrics\"");
  }
}
