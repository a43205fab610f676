package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point a rollout calls before it starts, and {@code show}, which prints it. */
class PartitionSafetyTest {
  static final String RUNBOOK =
      """
      # Rotate the token

      ## Read the token
      Read `op://Arda-DevOAM/gh-token/credential` in us-east-2.
      """;

  @TempDir Path dir;
  Workspace workspace;
  Config config;

  @BeforeEach
  void setUp() {
    workspace = new Workspace(dir);
    Path file =
        workspace.config(
            """
        runbooks: ./runbooks
        scoped: [vault]
        partitions:
          - name: dev
            vars: {region: us-east-2, vault: Arda-DevOAM}
          - name: stage
            vars: {region: us-east-2, vault: Arda-ProdOAM}
          - name: prod
            vars: {region: us-east-1, vault: Arda-ProdOAM}
        """);
    config = new ConfigLoader(Map.of()).load(file);
  }

  private static Runbook parse(String markdown) {
    return new RunbookParser().parse("secrets/rotate.md", markdown, Revision.content("0123abcd"));
  }

  @Test
  void namesEverythingWrongOnThePartitionWithItsLine() {
    assertThat(PartitionSafety.check(config, parse(RUNBOOK), "prod"))
        .map(Problem::toString)
        .containsExactly(
            config.displayPath()
                + ":9: error: prod has the same vault as stage (Arda-ProdOAM,"
                + " line 7), but vault is scoped: each partition needs its own; give prod its own"
                + " vault",
            "secrets/rotate.md:4: error: prod reads op://Arda-DevOAM/gh-token/credential, which"
                + " is dev's vault (prod's is Arda-ProdOAM): write op://{{vault}}/gh-token/credential",
            "secrets/rotate.md:4: warning: Arda-DevOAM is the vault of dev; on prod this line"
                + " still says Arda-DevOAM: write {{vault}}",
            "secrets/rotate.md:4: warning: us-east-2 is the region of dev, stage; on prod this"
                + " line still says us-east-2: write {{region}}");
  }

  @Test
  void whatIsRightOnThePartitionIsNotAFinding() {
    assertThat(PartitionSafety.check(config, parse(RUNBOOK), "dev")).isEmpty();
  }

  @Test
  void refusesAPartitionTheConfigDoesNotHave() {
    assertThatThrownBy(() -> PartitionSafety.check(config, parse(RUNBOOK), "qa"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no partition \"qa\" in " + config.displayPath() + " (partitions: dev, stage, prod)");
  }

  @Test
  void refusesAPartitionTheRunbookDoesNotApplyTo() {
    Runbook devOnly = parse("---\npartitions: [dev]\n---\n" + RUNBOOK);

    assertThatThrownBy(() -> PartitionSafety.check(config, devOnly, "prod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runbook rotate does not apply to prod (its partitions: dev)");
  }

  @Test
  void showPrintsTheFindingsForThePartition() {
    workspace.runbook("rotate.md", RUNBOOK);

    Workspace.Run run = workspace.show("rotate", "--partition", "prod");

    assertThat(run.exit()).isZero();
    assertThat(run.lines())
        .filteredOn(line -> line.startsWith("! "))
        .containsExactly(
            "! shepherd.yaml:9: error: prod has the same vault as stage (Arda-ProdOAM, line 7), but"
                + " vault is scoped: each partition needs its own; give prod its own vault",
            "! runbooks/rotate.md:4: error: prod reads op://Arda-DevOAM/gh-token/credential, which is"
                + " dev's vault (prod's is Arda-ProdOAM): write op://{{vault}}/gh-token/credential",
            "! runbooks/rotate.md:4: warning: Arda-DevOAM is the vault of dev; on prod this line still"
                + " says Arda-DevOAM: write {{vault}}",
            "! runbooks/rotate.md:4: warning: us-east-2 is the region of dev, stage; on prod this line"
                + " still says us-east-2: write {{region}}");
    assertThat(workspace.show("rotate", "--partition", "dev").lines())
        .noneMatch(line -> line.startsWith("! "));
  }

  @Test
  void showJsonHasTheFindingsForThePartition() throws Exception {
    workspace.runbook("rotate.md", RUNBOOK);

    Workspace.Run run = workspace.show("rotate", "--partition", "prod", "--json");

    JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
    assertThat(findings).hasSize(4);
    assertThat(findings.get(1))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
        {"path": "runbooks/rotate.md", "line": 4, "severity": "error",
         "message": "prod reads op://Arda-DevOAM/gh-token/credential, which is dev's vault (prod's is Arda-ProdOAM): write op://{{vault}}/gh-token/credential"}
        """));
    assertThat(
            new ObjectMapper()
                .readTree(workspace.show("rotate", "--partition", "dev", "--json").out())
                .get("findings"))
        .isEmpty();
  }
}
