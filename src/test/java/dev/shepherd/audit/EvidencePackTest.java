package dev.shepherd.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.cli.Main;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shepherd audit evidence}: per change of a period, who requested it, who approved it, the
 * pinned revision and the diff since the revision that rolled out on the partition before, the
 * notes, the record check; an index; and nothing a person wrote renders as Markdown.
 */
class EvidencePackTest {
  @TempDir Path out;
  private DatabaseExtension db;
  private EngineFixture engine;
  private Rollout dev;
  private Rollout stage;

  @BeforeEach
  void devThenStageOnANewRevision(DatabaseExtension db) {
    this.db = db;
    engine = new EngineFixture(db.database());
    dev = engine.started("dev");
    EngineFixture.accepted(
        engine.service.note(
            new NoteRequest(
                dev.id(),
                Optional.empty(),
                EngineFixture.ALICE,
                "drift clean, see [the run](https://evil.example/x) | **all good**\n# not a title",
                List.of(Evidence.file("drift<b>.txt", "https://files.example/F1")),
                engine.key())));
    dev = engine.complete(dev);
    engine.clock.advance(Duration.ofHours(2));
    engine.publish(
        EngineFixture.RUNBOOK.replace(
            "./amm.sh deploy --vault {{vault}}", "./amm.sh deploy --canary --vault {{vault}}"),
        "rev-2");
    stage = engine.complete(engine.started("stage"));
  }

  @DatabaseTest
  void eachChangeSaysWhoRequestedWhoApprovedAndWhatChangedSinceThePartitionBefore()
      throws Exception {
    Result result = evidence("--from", "2026-11-27", "--to", "2026-11-27");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo("wrote 2 change(s) and an index to " + out.resolve("index.md") + "\n");
    String index = Files.readString(out.resolve("index.md"));
    assertThat(index)
        .startsWith("# Change evidence, 2026-11-27 to 2026-11-27\n")
        .contains(
            "| dev | oam\\-secrets | U0OPERATOR | U0ALICE (step 2) | completed | verify\\: the chain"
                + " of ")
        .contains("| stage | oam\\-secrets | U0OPERATOR | U0ALICE (step 2) | completed |");
    String stagePage = page("-stage-");
    assertThat(stagePage)
        .contains("| Requested by (operator) | U0OPERATOR |")
        .contains("| Approved by | U0ALICE (step 2) |")
        .contains("| Approvals by the requester | none |")
        .contains("| Pinned revision | commit rev\\-2 |")
        .contains("Last completed on dev (rollout `" + dev.id() + "`) at commit rev\\-1.")
        .contains("-./amm.sh deploy --vault {{vault}}\n+./amm.sh deploy --canary --vault {{vault}}")
        .contains("| Record check | verify\\: the chain of ");
    String devPage = page("-dev-");
    assertThat(devPage)
        .contains("No earlier rollout of this runbook completed on another partition.")
        .contains(
            "drift clean, see \\[the run\\]\\(https\\://evil\\.example/x\\) \\| \\*\\*all"
                + " good\\*\\* \\# not a title")
        .contains("  - file drift&lt;b&gt;\\.txt at https\\://files\\.example/F1")
        .doesNotContain("[the run](");
  }

  @DatabaseTest
  void aPartitionNarrowsThePackAndABadDateSaysWhatToWrite() throws Exception {
    Result stageOnly =
        evidence("--from", "2026-11-27", "--to", "2026-11-27", "--partition", "stage");
    assertThat(stageOnly.out()).startsWith("wrote 1 change(s)");

    Result bad = evidence("--from", "27/11/2026", "--to", "2026-11-27");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo(
            "shepherd audit evidence: --from must be a date (2026-11-01), not \"27/11/2026\"\n");
  }

  private String page(String partition) throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      Path page =
          files
              .filter(p -> p.getFileName().toString().contains(partition))
              .findFirst()
              .orElseThrow();
      return Files.readString(page);
    }
  }

  private record Result(int exitCode, String out, String err) {}

  private Result evidence(String... more) {
    String[] args =
        Stream.concat(
                Stream.of(
                    "audit",
                    "evidence",
                    "--db",
                    db.url(),
                    "--db-user",
                    db.user(),
                    "--out",
                    out.toString()),
                Stream.of(more))
            .toArray(String[]::new);
    StringWriter printed = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(printed),
            new PrintWriter(err),
            Map.of("SHEPHERD_AUDIT_KEY", TestKeys.SECRET),
            Optional.empty(),
            args);
    return new Result(exit, printed.toString(), err.toString());
  }
}
