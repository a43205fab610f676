package dev.shepherd.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.shepherd.cli.Main;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.posting.ChannelPacer;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.WebApiGateway;
import dev.shepherd.slack.view.SlackMessage;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.Databases;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code audit verify --witness slack}: the chain heads the summaries carried to Slack (through the
 * fake Web API, paced and paged as Slack pages) are compared with the database. Someone with the
 * database alone can rewrite a chain and recompute its head, or delete a rollout with its head:
 * verify alone passes both; the witness names both. Run on H2 and on PostgreSQL.
 */
class SlackWitnessTest {
  private DatabaseExtension db;
  private Database database;
  private EngineFixture engine;
  private FakeSlack slack;
  private Rollout first;
  private Rollout second;

  @BeforeEach
  void twoRolloutsWitnessed(DatabaseExtension db) throws Exception {
    this.db = db;
    database = db.database();
    engine = new EngineFixture(database);
    slack = new FakeSlack();
    // As Slack limits a Marketplace app: tier 3, and pages of 1 so the reader must follow cursors.
    slack.historyRateLimit(50, 3, 1);
    first = engine.complete(engine.started("dev"));
    second = engine.complete(engine.started("stage"));
    WebApiGateway gateway =
        new WebApiGateway(
            Slack.getInstance(config()).methods("xoxb-test-token"),
            new ChannelPacer(Duration.ZERO),
            new SimpleMeterRegistry());
    for (Rollout rollout : List.of(first, second)) {
      gateway.post(
          EngineFixture.CHANNEL,
          Optional.empty(),
          SlackMessage.ofText("Completed: " + rollout.id()),
          new ChatGateway.MessageKey(rollout.id(), "summary", engine.service.head(rollout.id())));
    }
  }

  @AfterEach
  void closeSlack() {
    slack.close();
  }

  @DatabaseTest
  void aCleanRecordMatchesEveryHeadSlackHolds() {
    assertWitnessedClean();
    // One summary a page: two pages, the second reached through the first's cursor.
    assertThat(slack.calls("conversations.history"))
        .extracting(c -> c.param("cursor") == null || c.param("cursor").isEmpty() ? "" : "cursor")
        .containsExactly("", "cursor");
    assertThat(slack.historyLimited()).isZero();
  }

  @DatabaseTest
  void aHeadSomeoneElsePostedWitnessesNothing() {
    // A member's script (another app's bot) posts a summary's metadata with a head of its own: were
    // it read as Shepherd's, every verify would report the record rewritten.
    slack.plant(
        EngineFixture.CHANNEL,
        null,
        "Completed",
        "{\"event_type\":\"shepherd_message\",\"event_payload\":{\"rollout_id\":\""
            + first.id()
            + "\",\"key\":\"summary\",\"chain_seq\":1,\"chain_head\":\""
            + "0".repeat(64)
            + "\"}}",
        "U0MALLORY",
        "B0OTHERAPP");

    assertThat(assertWitnessedClean())
        .contains(
            "witness: 1 head(s) posted by someone other than Shepherd's bot were not read as"
                + " witnesses\n");
  }

  @DatabaseTest
  void aTokenOfAnotherAppWitnessesNothingAndSaysSoRatherThanPassing() {
    slack.tokenOfAnotherApp();

    Result result = verify("--witness", "slack", "--witness-interval", "10");

    assertThat(result.exitCode()).as(result.out()).isEqualTo(2);
    assertThat(result.out())
        .contains(
            "2 summary head(s) in Slack were posted by another bot than this token's, and none by"
                + " this one: give SLACK_BOT_TOKEN of the app Shepherd posts with");
  }

  @DatabaseTest
  void aChainRewrittenWithItsHeadRecomputedIsNamedByTheWitnessAsByTheKey() throws Exception {
    rewriteApprovalAndRechain(first, "U0MALLORY");

    // Rehashed without the key: the keyed chain names it on its own, and the witness agrees.
    assertThat(verify().exitCode()).as("verify without a witness").isEqualTo(1);
    Result result = verify("--witness", "slack", "--witness-interval", "10");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "witness: edited: rollout "
                + first.id()
                + " was rewritten: Slack's summary in C0DEPLOYS at ")
        .contains("(its chain and head were recomputed)")
        .contains("Slack witnessed 2 rollout(s) in 1 channel(s) (C0DEPLOYS): 1 disagree");
    assertThat(result.out()).doesNotContain("rollout " + second.id() + " was");
  }

  @DatabaseTest
  void aRolloutDeletedWithItsHeadIsNamedByTheWitnessAlone() throws Exception {
    String id = first.id();
    sql("DELETE FROM acknowledgements WHERE rollout_id = ?", id);
    sql("DELETE FROM audit_chain_heads WHERE chain_key = ?", "rollout:" + id);
    sql("DELETE FROM rollout_steps WHERE rollout_id = ?", id);
    sql("DELETE FROM rollouts WHERE id = ?", id);

    assertThat(verify().exitCode()).as("verify without a witness").isZero();
    Result result = verify("--witness", "slack", "--witness-interval", "10");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "witness: deleted: rollout "
                + id
                + " was deleted with its head: Slack's summary in C0DEPLOYS at ")
        .contains(", and the database has neither its rows nor its head\n");
  }

  @DatabaseTest
  void withoutABotTokenTheWitnessSaysWhatToSet() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("SHEPHERD_AUDIT_KEY", TestKeys.SECRET),
            Optional.empty(),
            "audit",
            "verify",
            "--db",
            db.url(),
            "--db-user",
            db.user(),
            "--witness",
            "slack");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "shepherd audit verify: the Slack witness needs SLACK_BOT_TOKEN (a bot token with"
                + " channels:history) to read the channels\n");
  }

  /** Re-attributes the rollout's approval and recomputes every link after it, and the head. */
  private void rewriteApprovalAndRechain(Rollout rollout, String user) throws SQLException {
    List<ChainLink> links = new JdbcAuditLog(database.dataSource()).chain(rollout.id());
    String previous = RecordHash.GENESIS;
    for (ChainLink row : links) {
      Acknowledgement ack = row.acknowledgement();
      ChainLink.Link link = row.link().orElseThrow();
      Acknowledgement forged =
          ack.action() == Action.APPROVE
              ? new Acknowledgement(
                  ack.id(),
                  ack.rolloutId(),
                  ack.partition(),
                  ack.phase(),
                  ack.position(),
                  ack.action(),
                  user,
                  ack.at(),
                  ack.idempotencyKey(),
                  ack.accepted(),
                  ack.detail(),
                  ack.evidence())
              : ack;
      String hash = RecordHash.of(link.chainKey(), link.seq(), previous, forged);
      sql(
          "UPDATE acknowledgements SET user_id = ?, prev_hash = ?, row_hash = ? WHERE id = ?",
          forged.user(),
          previous,
          hash,
          ack.id());
      previous = hash;
    }
    sql(
        "UPDATE audit_chain_heads SET row_hash = ? WHERE chain_key = ?",
        previous,
        "rollout:" + rollout.id());
  }

  private void sql(String statement, Object... values) throws SQLException {
    try (Connection connection = database.dataSource().getConnection()) {
      if (db.kind() == Databases.POSTGRES) {
        // The change a DBA with the owner's rights could make on this test's own schema.
        try (Statement owner = connection.createStatement()) {
          for (String table : List.of("acknowledgements", "audit_chain_heads")) {
            owner.execute("ALTER TABLE " + db.schema() + "." + table + " DISABLE TRIGGER USER");
          }
        }
      }
      try (PreparedStatement s = connection.prepareStatement(statement)) {
        for (int i = 0; i < values.length; i++) {
          if (values[i] instanceof Long number) {
            s.setLong(i + 1, number);
          } else {
            s.setString(i + 1, values[i].toString());
          }
        }
        s.executeUpdate();
      }
    }
  }

  private record Result(int exitCode, String out) {}

  private Result verify(String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(
        new String[] {"audit", "verify", "--db", db.url(), "--db-user", db.user()}, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of(
                "SLACK_BOT_TOKEN",
                "xoxb-test-token",
                "SLACK_API_URL",
                slack.apiUrl(),
                "SHEPHERD_AUDIT_KEY",
                TestKeys.SECRET),
            Optional.empty(),
            args);
    return new Result(exit, out + err.toString());
  }

  /**
   * Verifies with the Slack witness, asserts it found both rollouts' heads matching, and returns
   * what it printed.
   */
  private String assertWitnessedClean() {
    Result result = verify("--witness", "slack", "--witness-interval", "10");
    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out())
        .endsWith(
            "Slack witnessed 2 rollout(s) in 1 channel(s) (C0DEPLOYS): every head matches the"
                + " database\n");
    return result.out();
  }

  private SlackConfig config() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    return config;
  }
}
