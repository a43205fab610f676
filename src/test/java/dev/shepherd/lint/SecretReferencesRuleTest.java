package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretReferencesRuleTest {
  @TempDir Path dir;
  Workspace workspace;

  @BeforeEach
  void setUp() {
    workspace = new Workspace(dir);
  }

  private void prodOnly(String command) {
    workspace.runbook(
        "rotate.md",
        """
        ---
        partitions: [prod]
        ---
        # Rotate the token

        ## Read the token
        ```bash
        %s
        ```
        """
                .formatted(command)
            + Workspace.ERROR_PATHS);
  }

  @Test
  void prodReadingDevsVaultIsAnError() {
    prodOnly("op read op://Arda-DevOAM/gh-token/credential");

    Workspace.Run run = workspace.lint();

    assertThat(run.lines())
        .containsExactly(
            "runbooks/rotate.md:8: error: prod reads op://Arda-DevOAM/gh-token/credential, which is"
                + " dev's vault (prod's is Arda-ProdOAM): write op://{{vault}}/gh-token/credential",
            "1 error, 0 warnings in 1 runbook for 3 partitions");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void aLiteralVaultIsWrongOnEveryOtherPartition() {
    workspace.runbook(
        "rotate.md",
        """
        # Rotate the token

        ## Read the token
        Check the token reads: `op read op://Arda-StageOAM/gh-token/credential`.
        """);

    assertThat(workspace.lint().lines())
        .containsExactly(
            "runbooks/rotate.md:4: error: dev reads op://Arda-StageOAM/gh-token/credential, which is"
                + " stage's vault (dev's is Arda-DevOAM): write op://{{vault}}/gh-token/credential",
            "runbooks/rotate.md:4: error: prod reads op://Arda-StageOAM/gh-token/credential, which is"
                + " stage's vault (prod's is Arda-ProdOAM): write op://{{vault}}/gh-token/credential",
            "runbooks/rotate.md:4: warning: Arda-StageOAM is the vault of stage; on dev, prod this"
                + " line still says Arda-StageOAM: write {{vault}}",
            "2 errors, 1 warning in 1 runbook for 3 partitions");
  }

  @Test
  void theVaultPlaceholderIsEveryPartitionsOwnVault() {
    workspace.runbook(
        "rotate.md",
        """
        # Rotate the token

        ## Read the token
        ```bash
        op read "op://{{vault}}/gh-token/credential"
        ```
        """
            + Workspace.ERROR_PATHS);

    assertThat(workspace.lint().lines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 3 partitions");
  }

  @Test
  void aVaultNoPartitionOwnsIsAWarningAndAnErrorWhenStrict() {
    prodOnly("op read op://Arda-OldOAM/gh-token/credential");
    String finding =
        "runbooks/rotate.md:8: %s: op://Arda-OldOAM/gh-token/credential reads vault"
            + " Arda-OldOAM, which no partition owns (their vaults: Arda-DevOAM, Arda-StageOAM,"
            + " Arda-ProdOAM): write op://{{vault}}/gh-token/credential, or mark a deliberate one with"
            + " <!-- shepherd: allow Arda-OldOAM -->";

    assertThat(workspace.lint().lines())
        .containsExactly(
            finding.formatted("warning"), "0 errors, 1 warning in 1 runbook for 3 partitions");
    assertThat(workspace.lint("--strict").lines())
        .containsExactly(
            finding.formatted("error"), "1 error, 0 warnings in 1 runbook for 3 partitions");
  }

  @Test
  void anAllowedVaultNoPartitionOwnsIsQuiet() {
    prodOnly("op read op://Arda-OldOAM/gh-token/credential # <!-- shepherd: allow Arda-OldOAM -->");

    assertThat(workspace.lint().lines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 3 partitions");
  }

  @Test
  void configuredPatternsFindOtherSchemes() {
    workspace.config(
        Workspace.CONFIG.replace(
            "scoped: [vault, account]",
            "secret_refs: ['arn:aws:secretsmanager:[^:]+:\\d+:secret:(?<vault>[^/]+)/']"));
    prodOnly(
        "aws secretsmanager get-secret-value --secret-id"
            + " arn:aws:secretsmanager:{{region}}:{{account}}:secret:Arda-DevOAM/db-password");

    assertThat(workspace.lint().lines())
        .containsExactly(
            "runbooks/rotate.md:8: error: prod reads"
                + " arn:aws:secretsmanager:us-east-1:333333333333:secret:Arda-DevOAM/db-password, which"
                + " is dev's vault (prod's is Arda-ProdOAM): write {{vault}} in place of Arda-DevOAM",
            "1 error, 0 warnings in 1 runbook for 3 partitions");
  }

  @Test
  void partitionOptionChecksOnlyThatPartitionsReferences() {
    workspace.runbook(
        "rotate.md",
        """
        ---
        partitions: [dev, prod]
        ---
        # Rotate the token

        ## Read the token
        Check the token reads: `op read op://Arda-DevOAM/gh-token/credential`.
        """);

    assertThat(workspace.lint("--partition", "dev").lines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 1 partition");
    assertThat(workspace.lint("--partition", "prod").lines())
        .contains(
            "runbooks/rotate.md:7: error: prod reads op://Arda-DevOAM/gh-token/credential, which is"
                + " dev's vault (prod's is Arda-ProdOAM): write op://{{vault}}/gh-token/credential");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "scheme  | op: | op read {{scheme}}//Arda-DevOAM/gh-token/credential",
        "slashes | //  | op read op:{{slashes}}Arda-DevOAM/gh-token/credential",
        "middle  | p:/ | op read o{{middle}}/Arda-DevOAM/gh-token/credential"
      })
  void aReferenceThatOnlyRenderingFormsIsFound(String variable, String value, String command) {
    // Lint skips rendering lines without op:// for partitions whose values cannot form one: a
    // value holding a piece of it (its start, its end, its middle) must still be rendered.
    workspace.config(
        Workspace.CONFIG.replace("cell: c03}", "cell: c03, " + variable + ": \"" + value + "\"}"));
    prodOnly(command);

    assertThat(workspace.lint().lines())
        .contains(
            "runbooks/rotate.md:8: error: prod reads op://Arda-DevOAM/gh-token/credential, which is"
                + " dev's vault (prod's is Arda-ProdOAM): write {{vault}} in place of Arda-DevOAM");
  }
}
