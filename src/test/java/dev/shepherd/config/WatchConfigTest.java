package dev.shepherd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchConfigTest {
  @TempDir Path dir;

  private String error(String yaml) throws IOException {
    Path file = dir.resolve("shepherd.yaml");
    Files.writeString(file, yaml);
    return catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
        .getMessage();
  }

  @Test
  void anEscalationNotLaterThanTheNudgeIsEchoedInTheUnitsItWasWrittenIn() throws IOException {
    String message =
        error(
            """
            runbooks: ./runbooks
            stall_after: 2d
            escalate_after: 36h
            partitions:
              - name: dev
            """);

    assertThat(message).contains("escalate_after (36h) must be later than stall_after (2d)");
  }

  @Test
  void minutesAndSecondsAreEchoedAsWrittenToo() throws IOException {
    String message =
        error(
            """
            runbooks: ./runbooks
            stall_after: 90m
            escalate_after: 45s
            partitions:
              - name: dev
            """);

    assertThat(message).contains("escalate_after (45s) must be later than stall_after (90m)");
  }
}
