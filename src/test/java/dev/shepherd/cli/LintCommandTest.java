package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code shepherd lint}'s exit codes: 0 clean or warnings only, 1 errors, 2 unusable config. */
class LintCommandTest {
  @TempDir Path dir;

  @Test
  void shippedConfigAndRunbooksAreClean() {
    Cli.Result result = Cli.run("lint", "--config", "config/shepherd.yaml");

    assertThat(result.outLines())
        .containsExactly("0 errors, 0 warnings in 4 runbooks for 3 partitions");
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void shippedRunbooksAreCleanEvenWhenStrict() {
    Cli.Result result = Cli.run("lint", "--strict", "--config", "config/shepherd.yaml");

    assertThat(result.outLines())
        .containsExactly("0 errors, 0 warnings in 4 runbooks for 3 partitions");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void configFileThatCannotBeReadExitsTwo() {
    Path missing = dir.resolve("missing.yaml");

    Cli.Result result = Cli.run("lint", "--config", missing.toString());

    assertThat(result.out()).isEmpty();
    assertThat(result.errLines())
        .containsExactly(
            "shepherd lint: "
                + missing
                + ": cannot read the config file ("
                + missing
                + "): pass --config FILE or set SHEPHERD_CONFIG");
    assertThat(result.exitCode()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      'runbooks: [a\\n'                                                          | 1 | not valid YAML: expected ',' or ']', but got <stream end>
      'partitions:\\n  - name: dev\\n    approvals: zero\\n'                     | 3 | approvals of dev must be a whole number from 1 to 10
      'partitions:\\n  - name: dev\\n  - name: dev\\n'                           | 3 | partition dev is listed twice
      'partitions:\\n  - name: dev\\ntimezone: Mars/Olympus\\n'                  | 3 | timezone "Mars/Olympus" is not a time zone: write UTC or Europe/Berlin
      'partitions:\\n  - name: dev\\nreminders: [24h, soon]\\n'                  | 3 | reminder "soon" is not a duration: write 24h, 1h, 15m, 30s or 2d
      'runbooks: ./runbooks\\nslack: {}\\npartitions:\\n  - name: dev\\n'       | 2 | unknown key "slack": expected one of [runbooks, partitions, timezone, reminders, scoped, secret_refs, stall_after, escalate_after, waves, partition_defaults, soak, windows, blackouts, include, exclude, freeze_all_approvers, schedule_horizon]
      'partitions:\\n  - name: dev\\n    region: us\\n'                       | 3 | unknown partition key "region": expected one of [name, vars, protected, approvers, approvals, channels, operators, runbook_approvers, stall_after, escalate_after, soak, windows, blackouts]
      'partitions:\\n  - name: Prod\\n'                                          | 2 | partition name "Prod" must be lower-case letters, digits, - or _ (at most 40)
      'partitions:\\n  - name: dev\\n    vars: {partition: x}\\n'                | 3 | partition is always the partition's name: remove it from vars
      'runbooks: ./runbooks\\n'                                                  | 1 | no partitions: list them in rollout order under partitions: (or group them under waves:)
      """)
  void invalidConfigExitsTwoWithTheConfigLine(String yaml, int line, String message)
      throws IOException {
    Path config = dir.resolve("shepherd.yaml");
    Files.writeString(config, yaml.replace("\\n", "\n"));

    Cli.Result result = Cli.run("lint", "--config", config.toString(), "--runbooks", "runbooks");

    assertThat(result.out()).isEmpty();
    assertThat(result.errLines())
        .containsExactly("shepherd lint: " + config + ":" + line + ": " + message);
    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void runbooksFolderThatDoesNotExistExitsTwo() {
    Path missing = dir.resolve("nowhere");

    Cli.Result result =
        Cli.run("lint", "--config", "config/shepherd.yaml", "--runbooks", missing.toString());

    assertThat(result.out()).isEmpty();
    assertThat(result.errLines())
        .containsExactly(
            "shepherd lint: runbooks folder "
                + missing
                + " does not exist: create it or set runbooks: in the config (or SHEPHERD_RUNBOOKS)");
    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void warningsAloneExitZeroAndErrorsExitOne() throws IOException {
    Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
    Files.writeString(
        runbooks.resolve("deploy.md"), "# Deploy\n\n## Deploy\n```sh\nmake deploy\n```\n");

    Cli.Result warnings =
        Cli.run("lint", "--config", "config/shepherd.yaml", "--runbooks", runbooks.toString());
    Files.writeString(runbooks.resolve("empty.md"), "# Nothing yet\n");
    Cli.Result errors =
        Cli.run("lint", "--config", "config/shepherd.yaml", "--runbooks", runbooks.toString());

    assertThat(warnings.outLines())
        .last()
        .isEqualTo("0 errors, 2 warnings in 1 runbook for 3 partitions");
    assertThat(warnings.exitCode()).isZero();
    assertThat(errors.outLines())
        .last()
        .isEqualTo("1 error, 2 warnings in 2 runbooks for 3 partitions");
    assertThat(errors.exitCode()).isEqualTo(1);
  }
}
