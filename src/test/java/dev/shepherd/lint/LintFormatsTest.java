package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint --format text|github|json} on the same two findings. */
class LintFormatsTest {
  @TempDir Path dir;
  Workspace workspace;

  @BeforeEach
  void setUp() {
    workspace = new Workspace(dir);
    workspace.runbook(
        "rotate.md",
        """
        ---
        partitions: [prod]
        ---
        # Rotate the token

        ## Read the token
        Read `op://Arda-DevOAM/gh-token/credential`, then `op://Arda-OldOAM/gh-token/credential`.
        """);
  }

  @Test
  void textIsOneLinePerFindingAndASummary() {
    Workspace.Run run = workspace.lint("--format", "text");

    assertThat(run.out()).isEqualTo(workspace.lint().out());
    assertThat(run.lines())
        .containsExactly(
            "runbooks/rotate.md:7: error: prod reads op://Arda-DevOAM/gh-token/credential, which is"
                + " dev's vault (prod's is Arda-ProdOAM): write op://{{vault}}/gh-token/credential",
            "runbooks/rotate.md:7: warning: op://Arda-OldOAM/gh-token/credential reads vault"
                + " Arda-OldOAM, which no partition owns (their vaults: Arda-DevOAM, Arda-StageOAM,"
                + " Arda-ProdOAM): write op://{{vault}}/gh-token/credential, or mark a deliberate one"
                + " with <!-- shepherd: allow Arda-OldOAM -->",
            "1 error, 1 warning in 1 runbook for 3 partitions");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void githubIsOneAnnotationPerFinding() {
    Workspace.Run run = workspace.lint("--format", "github");

    assertThat(run.lines())
        .containsExactly(
            "::error file=runbooks/rotate.md,line=7::prod reads op://Arda-DevOAM/gh-token/credential,"
                + " which is dev's vault (prod's is Arda-ProdOAM): write"
                + " op://{{vault}}/gh-token/credential",
            "::warning file=runbooks/rotate.md,line=7::op://Arda-OldOAM/gh-token/credential reads"
                + " vault Arda-OldOAM, which no partition owns (their vaults: Arda-DevOAM,"
                + " Arda-StageOAM, Arda-ProdOAM): write op://{{vault}}/gh-token/credential, or mark a"
                + " deliberate one with <!-- shepherd: allow Arda-OldOAM -->",
            "1 error, 1 warning in 1 runbook for 3 partitions");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void jsonIsOneDocumentWithTheFindingsAndTheCounts() throws Exception {
    Workspace.Run run = workspace.lint("--format", "json");

    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(run.out()))
        .isEqualTo(
            json.readTree(
                """
        {"findings": [
           {"path": "runbooks/rotate.md", "line": 7, "severity": "error",
            "message": "prod reads op://Arda-DevOAM/gh-token/credential, which is dev's vault (prod's is Arda-ProdOAM): write op://{{vault}}/gh-token/credential"},
           {"path": "runbooks/rotate.md", "line": 7, "severity": "warning",
            "message": "op://Arda-OldOAM/gh-token/credential reads vault Arda-OldOAM, which no partition owns (their vaults: Arda-DevOAM, Arda-StageOAM, Arda-ProdOAM): write op://{{vault}}/gh-token/credential, or mark a deliberate one with <!-- shepherd: allow Arda-OldOAM -->"}],
         "counts": {"errors": 1, "warnings": 1, "runbooks": 1, "partitions": 3}}
        """));
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Workspace.Run run = workspace.lint("--format", "xml");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "Invalid value for option '--format': unknown format \"xml\":"
                + " write text, github or json\n");
  }

  @Test
  void anUnknownPartitionIsAUsageError() {
    Workspace.Run run = workspace.lint("--partition", "prd");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "shepherd lint: no partition \"prd\" in shepherd.yaml"
                + " (partitions: dev, stage, prod)\n");
  }
}
