package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.cli.Main;
import dev.shepherd.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The project's own config/ and runbooks/ are the example users copy: they must lint clean. */
class ShippedRunbooksTest {
  private static String lint(String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(
            List.of("lint", "--config", "config/shepherd.yaml", "--runbooks", "runbooks"));
    args.addAll(Arrays.asList(options));
    int exit =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(err.toString()).isEmpty();
    assertThat(exit).isZero();
    return out.toString();
  }

  @Test
  void vaultsAndAccountsAreScoped() {
    assertThat(new ConfigLoader(Map.of()).load(Path.of("config/shepherd.yaml")).scoped())
        .containsExactly("vault", "account");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--strict", "--format=text"})
  void lintCleanOnEveryPartition(String option) {
    assertThat(lint(option)).isEqualTo("0 errors, 0 warnings in 4 runbooks for 3 partitions\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "stage", "prod"})
  void lintCleanOnEachPartitionAlone(String partition) {
    assertThat(lint("--strict", "--partition", partition))
        .isEqualTo("0 errors, 0 warnings in 4 runbooks for 1 partition\n");
  }
}
