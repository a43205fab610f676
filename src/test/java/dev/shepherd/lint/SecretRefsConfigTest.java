package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.config.ConfigException;
import dev.shepherd.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code secret_refs:} patterns are checked when the config is read, with file:line and a fix. */
class SecretRefsConfigTest {
  @TempDir Path dir;

  private Path config(String secretRefs) {
    return new Workspace(dir)
        .config(
            Workspace.CONFIG.replace(
                "scoped: [vault, account]",
                "scoped: [vault, account]\nsecret_refs:\n  - 'op://(?<vault>[^/]+)/'\n  - "
                    + secretRefs));
  }

  @Test
  void aPatternThatIsNotARegularExpressionSaysWhereAndKeepsTheCause() {
    Path file = config("'arn:aws:secretsmanager:(?<vault>[^/]+/'");

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ":5: secret_refs pattern \"arn:aws:secretsmanager:(?<vault>[^/]+/\" is"
                + " not a regular expression (Unclosed group near index 38): fix it, and write it in"
                + " single quotes so YAML keeps each \\")
        .hasCauseInstanceOf(PatternSyntaxException.class);
  }

  @Test
  void aPatternWithoutAVaultGroupSaysHowToNameIt() {
    Path file = config("'arn:aws:secretsmanager:[^:]+:\\d+:secret:([^/]+)/'");

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ":5: secret_refs pattern \"arn:aws:secretsmanager:[^:]+:\\d+:secret:([^/]+)/\""
                + " has no group named vault: mark the part that names the vault with (?<vault>…), as"
                + " in 'arn:aws:secretsmanager:[^:]+:\\d+:secret:(?<vault>[^/]+)/'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'arn:aws:secretsmanager:[^:]+:\\d+:secret:(?<vault>[^/]+)/'",
        "'vault://(?:(?<vault>[a-z]+)/)?'",
        "'(?x) sm://(?<vault>[^/]+)/  # a trailing comment'"
      })
  void patternsNamingAVaultAreRead(String pattern) {
    Path file = config(pattern);

    assertThat(new ConfigLoader(Map.of()).load(file).secretRefs()).hasSize(2);
  }
}
