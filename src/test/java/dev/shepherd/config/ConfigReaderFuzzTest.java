package dev.shepherd.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shepherd.testing.FuzzBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The config reader on any file: a config, or a {@link ConfigException} saying what to fix; no
 * other exception, within the budget (the file's writing is not counted).
 */
class ConfigReaderFuzzTest {
  private static Path file;

  @BeforeAll
  static void folder() throws IOException {
    Path dir = Files.createTempDirectory("config-fuzz");
    Files.createDirectories(dir.resolve("runbooks"));
    file = dir.resolve("shepherd.yaml");
  }

  @FuzzTest(maxDuration = "10m")
  void readsAnyConfig(byte[] data) {
    try {
      Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FuzzBudget.within(
        "reading a config",
        data.length,
        () -> {
          try {
            new ConfigLoader(Map.of()).load(file);
          } catch (ConfigException expected) {
            // the documented answer to a config it cannot use
          }
        });
  }
}
