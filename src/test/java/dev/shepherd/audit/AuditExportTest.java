package dev.shepherd.audit;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.shepherd.cli.Cli;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.RedactRequest;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code shepherd audit export} of a rollout with an approval, a note with evidence, a failure with
 * its symptom and a retry: the exact Markdown a reviewer reads, and JSON that validates against the
 * schema docs/guides/the-record.md documents.
 */
class AuditExportTest {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private Database database;
  private EngineFixture engine;
  private Rollout rollout;

  @BeforeEach
  void aRolloutWithNotesAndAFailure() {
    database = Database.open(url, "", "", null);
    engine = new EngineFixture(database);
    rollout = engine.started("dev");
    engine.clock.advance(Duration.ofMinutes(2));
    accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));
    engine.clock.advance(Duration.ofMinutes(1));
    accepted(
        engine.service.note(
            new NoteRequest(
                rollout.id(),
                Optional.of(new NoteRequest.StepRef(Phase.FORWARD, 2)),
                ALICE,
                "deploy plan shows 3 secrets | 0 removed\nno drift",
                List.of(
                    Evidence.link("https://ci.example.com/runs/7"),
                    Evidence.file(
                        "plan.txt", "https://example.slack.com/files/U0ALICE/F0PLAN/plan.txt")),
                engine.key())));
    accepted(engine.act(rollout, Action.APPROVE, 2, ALICE));
    engine.clock.advance(Duration.ofMinutes(3));
    accepted(engine.act(rollout, Action.DONE, 2, OPERATOR));
    accepted(
        engine.act(
            rollout.id(),
            Action.FAIL,
            Phase.FORWARD,
            3,
            OPERATOR,
            Optional.of("smoke test answered 503")));
    accepted(
        engine.service.note(
            NoteRequest.symptom(
                rollout.id(),
                new NoteRequest.StepRef(Phase.FORWARD, 3),
                OPERATOR,
                "pods restarted twice, then ready",
                List.of(),
                engine.key())));
    engine.clock.advance(Duration.ofMinutes(1));
    accepted(engine.act(rollout, Action.RETRY, 3, OPERATOR));
    accepted(engine.act(rollout, Action.DONE, 3, OPERATOR));
    accepted(engine.act(rollout, Action.DONE, 4, OPERATOR));
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  @Test
  void markdownIsAChangeRecordAReviewerReads() {
    Cli.Result result = Cli.run("audit", "export", rollout.id(), "--db", url);

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<ChainLink> chain = new JdbcAuditLog(database.dataSource()).chain(rollout.id());
    StringBuilder rows = new StringBuilder();
    String[][] expected = {
      {"09:00:00", "U0OPERATOR", "start", "", "revision rev-1"},
      {"09:02:00", "U0OPERATOR", "done", "forward step 1", ""},
      {
        "09:03:00",
        "U0ALICE",
        "note",
        "forward step 2",
        "deploy plan shows 3 secrets \\| 0 removed no drift"
      },
      {"09:03:00", "U0ALICE", "approve", "forward step 2", ""},
      {"09:06:00", "U0OPERATOR", "done", "forward step 2", ""},
      {"09:06:00", "U0OPERATOR", "fail", "forward step 3", "smoke test answered 503"},
      {"09:06:00", "U0OPERATOR", "symptom", "forward step 3", "pods restarted twice, then ready"},
      {"09:07:00", "U0OPERATOR", "retry", "forward step 3", ""},
      {"09:07:00", "U0OPERATOR", "done", "forward step 3", ""},
      {"09:07:00", "U0OPERATOR", "done", "forward step 4", ""}
    };
    for (int i = 0; i < expected.length; i++) {
      ChainLink.Link link = chain.get(i).link().orElseThrow();
      rows.append("| ")
          .append(chain.get(i).acknowledgement().id())
          .append(" | 2026-11-27 ")
          .append(expected[i][0])
          .append(" UTC | ")
          .append(expected[i][1])
          .append(" | ")
          .append(expected[i][2])
          .append(" | ")
          .append(expected[i][3])
          .append(" | yes | ")
          .append(expected[i][4])
          .append(" | ")
          .append(i + 1)
          .append(" | `")
          .append(link.hash())
          .append("` |\n");
    }
    assertThat(result.out())
        .isEqualTo(
            """
        # Change record: Roll out OAM secrets on dev

        | | |
        | --- | --- |
        | Rollout | `%s` |
        | Runbook | `oam-secrets` (oam-secrets.md) |
        | Pinned revision | commit `rev-1` |
        | Partition | dev |
        | Operator | U0OPERATOR |
        | Outcome | completed |
        | Created | 2026-11-27 09:00:00 UTC |
        | Started | 2026-11-27 09:00:00 UTC |
        | Ended | 2026-11-27 09:07:00 UTC |
        | Duration | 7m 0s |
        | Approvers | U0ALICE, U0BOB (approvals a step needs: 1) |
        | Choreography override | none |

        ## Warnings shown at start

        - first rollout of oam-secrets on dev: nobody has walked this runbook here before

        ## Steps

        ### Step 1: Check for drift (done)

        - Done by U0OPERATOR at 2026-11-27 09:02:00 UTC

        ### Step 2: Deploy (done)

        - Approved by U0ALICE at 2026-11-27 09:03:00 UTC
        - Done by U0OPERATOR at 2026-11-27 09:06:00 UTC
        - Note by U0ALICE at 2026-11-27 09:03:00 UTC:
          > deploy plan shows 3 secrets | 0 removed
          > no drift
          - link <https://ci.example.com/runs/7>
          - file [plan.txt](https://example.slack.com/files/U0ALICE/F0PLAN/plan.txt)

        ### Step 3: Smoke test (done)

        - Done by U0OPERATOR at 2026-11-27 09:07:00 UTC
        - Failed at 2026-11-27 09:06:00 UTC, reported by U0OPERATOR; symptom: smoke test answered 503
        - Symptom seen by U0OPERATOR at 2026-11-27 09:06:00 UTC:
          > pods restarted twice, then ready

        ### Step 4: Clean up (done)

        - Done by U0OPERATOR at 2026-11-27 09:07:00 UTC

        ## Failures

        - 2026-11-27 09:06:00 UTC: forward step 3 failed, reported by U0OPERATOR: smoke test answered 503
        - 2026-11-27 09:06:00 UTC: forward step 3, what U0OPERATOR saw: pods restarted twice, then ready

        ## Acknowledgements

        Every row of the trail, oldest first. `shepherd audit verify` checks these hashes against the database.

        | # | time | who | action | step | accepted | detail | link | hash |
        | --- | --- | --- | --- | --- | --- | --- | --- | --- |
        """
                    .formatted(rollout.id())
                + rows);
  }

  @Test
  void jsonValidatesAgainstTheDocumentedSchema() throws IOException {
    Cli.Result one = Cli.run("audit", "export", rollout.id(), "--db", url, "--format", "json");
    Cli.Result period =
        Cli.run(
            "audit",
            "export",
            "--since",
            "2026-11-27",
            "--until",
            "2026-11-28",
            "--db",
            url,
            "--format",
            "json");

    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(period.out()).isEqualTo(one.out());
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(documentedSchema());
    List<Error> errors = schema.validate(one.out(), InputFormat.JSON);
    assertThat(errors).isEmpty();
    assertThat(one.out())
        .contains(
            "\"schemaVersion\" : 1",
            "\"symptom\" : \"smoke test answered 503\"",
            "\"kind\" : \"file\"",
            "\"name\" : \"plan.txt\"",
            "\"text\" : \"pods restarted twice, then ready\"");
  }

  @Test
  void aRedactedNoteValidatesAndNamesItsRedaction() throws IOException {
    Acknowledgement note =
        engine.service.trail(rollout.id()).stream()
            .filter(a -> a.action() == Action.NOTE)
            .findFirst()
            .orElseThrow();
    Acknowledgement redaction =
        engine
            .service
            .redact(new RedactRequest(rollout.id(), note.id(), ALICE, "wrong plan", engine.key()))
            .acknowledgement();

    String json = Cli.run("audit", "export", rollout.id(), "--db", url, "--format", "json").out();

    assertThat(
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(documentedSchema())
                .validate(json, InputFormat.JSON))
        .isEmpty();
    assertThat(json)
        .doesNotContain("deploy plan shows", "plan.txt")
        .contains(
            "\"detail\" : \"[redacted by U0ALICE at 2026-11-27 09:07:00 UTC: wrong plan]\",\n"
                + "      \"evidence\" : [ ],\n"
                + "      \"redactedBy\" : "
                + redaction.id(),
            "\"action\" : \"redact\"",
            "\"detail\" : \"#" + note.id() + ": wrong plan\"");
  }

  @Test
  void theSchemaRejectsAnExportMissingItsChain() throws IOException {
    String json = Cli.run("audit", "export", rollout.id(), "--db", url, "--format", "json").out();
    String broken = json.replaceFirst("\"chain\" : \\{", "\"chainz\" : {");

    List<Error> errors =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(documentedSchema())
            .validate(broken, InputFormat.JSON);

    assertThat(errors).isNotEmpty();
  }

  @Test
  void csvHasOneLinePerAcknowledgementAndDisarmsFormulas() {
    engine.service.note(
        new NoteRequest(
            engine.started("stage").id(),
            Optional.empty(),
            ALICE,
            "=HYPERLINK(\"http://evil\")",
            List.of(),
            engine.key()));

    Cli.Result result =
        Cli.run(
            "audit", "export", "--since", "2026-11-27T00:00:00Z", "--db", url, "--format", "csv");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = List.of(result.out().split("\r\n"));
    assertThat(lines).hasSize(1 + 10 + 2);
    assertThat(lines.get(0)).startsWith("rollout_id,runbook_id,revision,partition,rollout_state,");
    assertThat(lines.get(3))
        .contains(",note,forward,2,true,\"deploy plan shows 3 secrets | 0 removed");
    assertThat(lines.get(12))
        .contains(",note,forward,1,true,\"'=HYPERLINK(\"\"http://evil\"\")\",");
  }

  @Test
  void anUnknownRolloutIsAOneLineErrorAndExit2() {
    Cli.Result result = Cli.run("audit", "export", "nope", "--db", url);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("shepherd audit export: no rollout nope in this database\n");
  }

  /** The schema exactly as docs/guides/the-record.md shows it, between its markers. */
  static String documentedSchema() throws IOException {
    String page = Files.readString(Path.of("docs/guides/the-record.md"));
    String between =
        page.substring(page.indexOf("<!-- schema:begin -->"), page.indexOf("<!-- schema:end -->"));
    return between.substring(
        between.indexOf("```json") + "```json".length(), between.lastIndexOf("```"));
  }
}
