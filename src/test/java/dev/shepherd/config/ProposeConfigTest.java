package dev.shepherd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProposeConfigTest {
  private static final String PARTITIONS = "partitions:\n  - name: dev\n  - name: prod\n";
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("shepherd.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private Config load(String yaml) throws IOException {
    return new ConfigLoader(Map.of()).load(write(yaml));
  }

  private String error(String yaml) throws IOException {
    Path file = write(yaml);
    return catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
        .getMessage();
  }

  @Test
  void aPlainRunbooksValueProposesADiff() throws IOException {
    Config config = load("runbooks: ./runbooks\n" + PARTITIONS);

    assertThat(config.runbooks()).isEqualTo("runbooks");
    assertThat(config.propose()).isEqualTo(Config.Propose.DIFF);
  }

  @Test
  void aGitSourceMayProposeBranches() throws IOException {
    Config config =
        load(
            "runbooks:\n  source: https://github.com/acme/infra.git#main\n"
                + "  propose: branch\n"
                + PARTITIONS);

    assertThat(config.runbooks()).isEqualTo("https://github.com/acme/infra.git#main");
    assertThat(config.propose()).isEqualTo(Config.Propose.BRANCH);
  }

  @Test
  void anUnknownProposeValueSaysWhichOnesThereAre() throws IOException {
    assertThat(
            error(
                "runbooks:\n  source: https://github.com/acme/infra.git\n  propose: pr\n"
                    + PARTITIONS))
        .isEqualTo(
            dir.resolve("shepherd.yaml")
                + ":3: runbooks.propose must be diff (post the diff in"
                + " the thread) or branch (also push a branch to the git source), not \"pr\"");
  }

  @Test
  void branchesNeedAGitSource() throws IOException {
    assertThat(error("runbooks:\n  source: ./runbooks\n  propose: branch\n" + PARTITIONS))
        .isEqualTo(
            dir.resolve("shepherd.yaml")
                + ":3: runbooks.propose: branch pushes to a git"
                + " source, and the runbooks are the folder ./runbooks: set runbooks.source to a git URL,"
                + " or runbooks.propose: diff");
  }

  @Test
  void anUnknownRunbooksKeyIsNamed() throws IOException {
    assertThat(error("runbooks:\n  url: ./runbooks\n" + PARTITIONS))
        .isEqualTo(
            dir.resolve("shepherd.yaml")
                + ":2: unknown runbooks key \"url\": expected one of"
                + " [source, propose]");
  }

  @Test
  void theEnvironmentSaysItWhereTheChartSetsNoRunbooksKey() throws IOException {
    Path file = write(PARTITIONS);
    Map<String, String> env =
        Map.of(
            "SHEPHERD_RUNBOOKS",
            "https://git.example.com/infra.git#main",
            "SHEPHERD_RUNBOOKS_PROPOSE",
            "branch");
    assertThat(new ConfigLoader(env).load(file).propose()).isEqualTo(Config.Propose.BRANCH);

    assertThat(
            catchThrowableOfType(
                    ConfigException.class,
                    () -> new ConfigLoader(Map.of("SHEPHERD_RUNBOOKS_PROPOSE", "pr")).load(file))
                .getMessage())
        .isEqualTo(
            "SHEPHERD_RUNBOOKS_PROPOSE must be diff (post the diff in the thread) or branch"
                + " (also push a branch to the git source), not \"pr\"");
    assertThat(
            catchThrowableOfType(
                    ConfigException.class,
                    () ->
                        new ConfigLoader(Map.of("SHEPHERD_RUNBOOKS_PROPOSE", "branch")).load(file))
                .getMessage())
        .isEqualTo(
            "SHEPHERD_RUNBOOKS_PROPOSE=branch pushes to a git source, and the runbooks are"
                + " the folder ./runbooks: set SHEPHERD_RUNBOOKS to a git URL, or SHEPHERD_RUNBOOKS_PROPOSE=diff");
  }
}
