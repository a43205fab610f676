package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.app.GroupCheck;
import dev.shepherd.chat.GroupPins;
import dev.shepherd.chat.LocalGroupPins;
import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.lint.Problem;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.slack.SlackGroupDirectory;
import dev.shepherd.slack.SlackSettings;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcGroupPins;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.Databases;
import dev.shepherd.testing.FakeSlack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approver groups check behind {@code lint --online} and start-up, against a fake Slack. */
class GroupCheckTest {
  @TempDir Path dir;
  FakeSlack slack;
  GroupCheck check;

  static final String RUNBOOK =
      "---\nid: deploy\napprovers: [U0ALICE, \"@nobody\"]\n---\n# Deploy\n\n## Step 1: Do\nIt.\n";

  static final String MOVED =
      "Slack user group @leads now names group S0EVIL, not S0LEADS it was pinned to when Shepherd"
          + " first resolved it: someone renamed groups or took the handle over. Name the group"
          + " you mean by its id (S0LEADS or S0EVIL) in the config, then restart Shepherd; a"
          + " handle moved on purpose is re-pinned as docs/reference/permissions.md says";

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    slack.userGroup("S0LEADS", "leads", List.of("U0CAROL"));
    Path file = dir.resolve("shepherd.yaml");
    Files.writeString(
        file,
        """
        partitions:
          - name: dev
          - name: prod
            approvers: ["@leads", "@laeds", S0LEADS, S0GONE]
        """);
    Files.createDirectories(dir.resolve("runbooks"));
    Files.writeString(dir.resolve("runbooks/deploy.md"), RUNBOOK);
    Config config = new ConfigLoader(Map.of()).load(file);
    Catalog catalog =
        new Catalog(
            List.of(new RunbookParser().parse("deploy.md", RUNBOOK, Revision.commit("abc"))),
            List.of());
    check = new GroupCheck(config, catalog, "runbooks/");
  }

  @AfterEach
  void tearDown() {
    slack.close();
  }

  private SlackGroupDirectory groups() {
    return groups(new LocalGroupPins());
  }

  private SlackGroupDirectory groups(GroupPins pins) {
    return SlackGroupDirectory.connect(
        new SlackSettings(
            "xoxb-test", "secret", Optional.empty(), slack.apiUrl(), Duration.ZERO, Duration.ZERO),
        Clock.systemUTC(),
        Duration.ofMinutes(10),
        pins);
  }

  /** Slack's @leads renamed away, and a group of someone else's made with the freed handle. */
  private void takeOverTheHandle() {
    slack.userGroup("S0LEADS", "old-leads", List.of("U0CAROL"));
    slack.userGroup("S0EVIL", "leads", List.of("U0EVIL"));
  }

  /** {@code shepherd lint --online} with a bot token for the fake Slack, and the given options. */
  private Cli.Result lintOnline(Map<String, String> env, String... more) {
    List<String> args = new java.util.ArrayList<>();
    args.addAll(
        List.of(
            "lint",
            "--online",
            "--config",
            dir.resolve("shepherd.yaml").toString(),
            "--runbooks",
            dir.resolve("runbooks").toString()));
    args.addAll(List.of(more));
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("SLACK_BOT_TOKEN", "xoxb-test");
    all.put("SLACK_API_URL", slack.apiUrl());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            all,
            Optional.empty(),
            args.toArray(String[]::new));
    return new Cli.Result(exit, out.toString(), err.toString());
  }

  @Test
  void everyPlaceThatNamesAnUnknownGroupIsAnError() {
    List<String> findings = check.problems(groups()).stream().map(Problem::toString).toList();

    String path = dir.resolve("shepherd.yaml").toString();
    assertThat(findings)
        .containsExactly(
            path
                + ":3: error: partition prod: no Slack user group @laeds in this workspace (it has"
                + " @leads): fix the approver or create the group",
            path
                + ":3: error: partition prod: no Slack user group S0GONE in this workspace (it has"
                + " @leads): fix the approver or create the group",
            "runbooks/deploy.md:3: error: runbook deploy: no Slack user group @nobody in this"
                + " workspace (it has @leads): fix the approver or create the group");
  }

  @Test
  void aHandleThatLaterNamesAnotherGroupIsRefusedNotFollowed() {
    SlackGroupDirectory groups = groups();
    assertThat(groups.members("@leads"))
        .isEqualTo(new UserGroups.Members("@leads", java.util.Set.of("U0CAROL")));

    takeOverTheHandle();
    List<String> findings = check.problems(groups).stream().map(Problem::message).toList();

    assertThat(findings).contains("partition prod: " + MOVED);
    assertThat(groups.members("@leads")).isEqualTo(new UserGroups.Unknown("@leads", MOVED));
  }

  /** {@code lint --online} given the test's database by {@code --db}. */
  private Cli.Result lintOnlineWith(DatabaseExtension db) {
    return lintOnline(
        Map.of("SHEPHERD_DB_PASSWORD", db.password()), "--db", db.url(), "--db-user", db.user());
  }

  @DatabaseTest
  void lintOnlineNamesAHandleThatNowNamesAnotherGroupThanServePinned(DatabaseExtension db) {
    JdbcGroupPins served = new JdbcGroupPins(db.database().dataSource(), Clock.systemUTC());
    groups(served).check(List.of("@leads")); // serve started once, and pinned @leads
    takeOverTheHandle();

    Cli.Result result = lintOnlineWith(db);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    String path = dir.resolve("shepherd.yaml").toString();
    assertThat(result.outLines())
        .filteredOn(line -> line.startsWith(path))
        .containsExactly(
            path + ":3: error: partition prod: " + MOVED,
            path
                + ":3: error: partition prod: no Slack user group @laeds in this workspace (it has"
                + " @leads, @old-leads): fix the approver or create the group",
            path
                + ":3: error: partition prod: no Slack user group S0GONE in this workspace (it has"
                + " @leads, @old-leads): fix the approver or create the group");
  }

  @DatabaseTest
  void lintOnlineReadsThePinsAndNeverWritesOne(DatabaseExtension db) {
    JdbcGroupPins served = new JdbcGroupPins(db.database().dataSource(), Clock.systemUTC());

    Cli.Result result = lintOnlineWith(db);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.outLines()).noneMatch(line -> line.contains("now names group"));
    assertThat(served.pinned("leads")).as("a handle serve never resolved").isEmpty();
  }

  @Test
  void lintOnlineWithoutADatabaseSaysItChecksThisRunOnly() {
    takeOverTheHandle();

    Cli.Result result = lintOnline(Map.of());

    String path = dir.resolve("shepherd.yaml").toString();
    assertThat(result.outLines())
        .contains(
            path
                + ":1: note: the approver groups named by handle (@leads, @laeds, @nobody)"
                + " were checked against Slack as it is now, for this run only: give --db to"
                + " also compare each with the group Shepherd pinned it to")
        .noneMatch(line -> line.contains("now names group"));
  }

  @DatabaseTest
  void lintOnlineLeavesADatabaseAtAnOlderSchemaAsItWasAndSaysItHasNoPins(DatabaseExtension db)
      throws Exception {
    String vendor = db.kind() == Databases.POSTGRES ? "postgresql" : "h2";
    Flyway.configure()
        .dataSource(db.url(), db.user(), db.password())
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .target("29") // a Shepherd from before the pins, still serving
        .load()
        .migrate();
    takeOverTheHandle();
    List<String> before = everyTable(db);

    Cli.Result result = lintOnlineWith(db);

    String path = dir.resolve("shepherd.yaml").toString();
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            dir.resolve("runbooks")
                + "/deploy.md:3: error: runbook deploy names approvers U0ALICE, @nobody, not"
                + " approvers of prod in the config: a runbook may only name some of the"
                + " partition's approvers (@leads, @laeds, S0LEADS, S0GONE); add them to prod's"
                + " approvers, remove them from the runbook, or set runbook_approvers: add on prod"
                + " in "
                + path,
            dir.resolve("runbooks")
                + "/deploy.md:3: error: runbook deploy: no Slack user group @nobody in this"
                + " workspace (it has @leads, @old-leads): fix the approver or create the group",
            path
                + ":1: note: this database has no group pins yet (Shepherd older than schema"
                + " version 30, or never started on it): nothing to compare the approver groups"
                + " named by handle (@leads, @laeds, @nobody) with; they were checked against"
                + " Slack as it is now",
            path
                + ":3: error: partition prod: no Slack user group @laeds in this workspace (it has"
                + " @leads, @old-leads): fix the approver or create the group",
            path
                + ":3: error: partition prod: no Slack user group S0GONE in this workspace (it has"
                + " @leads, @old-leads): fix the approver or create the group",
            "4 errors, 0 warnings in 1 runbook for 2 partitions");
    assertThat(everyTable(db)).as("the schema history and every table").isEqualTo(before);
  }

  @Test
  void lintOnlineNeverWritesTheH2FileServeUses() throws Exception {
    Path file = dir.resolve("data/shepherd");
    try (Database served = Database.open("jdbc:h2:file:" + file, "", "", null)) {
      new JdbcGroupPins(served.dataSource(), Clock.systemUTC()).pin("leads", "S0LEADS");
    }
    takeOverTheHandle();
    byte[] before = Files.readAllBytes(dir.resolve("data/shepherd.mv.db"));

    Cli.Result result = lintOnline(Map.of(), "--db", "jdbc:h2:file:" + file);

    String path = dir.resolve("shepherd.yaml").toString();
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.outLines()).contains(path + ":3: error: partition prod: " + MOVED);
    assertThat(Files.readAllBytes(dir.resolve("data/shepherd.mv.db")))
        .as("not compacted, migrated nor written on close")
        .isEqualTo(before);
  }

  @Test
  void lintOnlineReadsNoDatabaseItWasNotGivenWithDb() throws Exception {
    Path file = dir.resolve("data/shepherd");
    try (Database served = Database.open("jdbc:h2:file:" + file, "", "", null)) {
      new JdbcGroupPins(served.dataSource(), Clock.systemUTC()).pin("leads", "S0LEADS");
    }
    takeOverTheHandle();
    byte[] before = Files.readAllBytes(dir.resolve("data/shepherd.mv.db"));

    Cli.Result result = lintOnline(Map.of("SHEPHERD_DB_URL", "jdbc:h2:file:" + file));

    assertThat(result.outLines())
        .contains(
            dir.resolve("shepherd.yaml")
                + ":1: note: the approver groups named by handle (@leads, @laeds, @nobody)"
                + " were checked against Slack as it is now, for this run only: give --db to"
                + " also compare each with the group Shepherd pinned it to")
        .noneMatch(line -> line.contains("now names group"));
    assertThat(Files.readAllBytes(dir.resolve("data/shepherd.mv.db"))).isEqualTo(before);
  }

  @Test
  void lintOnlineOnAnH2FileServeHoldsSaysToStopServeOrCopyTheFile() throws Exception {
    Path file = dir.resolve("data/shepherd");
    Database.open("jdbc:h2:file:" + file, "", "", null).close();
    Path store = dir.resolve("data/shepherd.mv.db");

    Cli.Result result;
    // serve in another process holds the file's lock as long as it runs
    try (FileChannel channel =
            FileChannel.open(store, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      result = lintOnline(Map.of(), "--db", "jdbc:h2:file:" + file);
    }

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines())
        .containsExactly(
            "shepherd lint: the H2 file "
                + store
                + " is open in another process (serve, most likely), and H2 lets one process"
                + " open it at a time: stop serve, or copy the file and read the copy");
  }

  @Test
  void lintOnlineOnAnH2FileThatIsNotThereSaysSoAndMakesNone() {
    Path file = dir.resolve("data/shepherd");

    Cli.Result result = lintOnline(Map.of(), "--db", "jdbc:h2:file:" + file);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines())
        .containsExactly(
            "shepherd lint: no H2 database at "
                + dir.resolve("data/shepherd.mv.db")
                + ": name the file serve uses");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void lintOnlineOnADatabaseThatDoesNotAnswerSaysWhatToCheck() {
    Cli.Result result =
        lintOnline(Map.of(), "--db", "jdbc:postgresql://127.0.0.1:1/test", "--db-user", "x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines())
        .containsExactly(
            "shepherd lint: cannot read the database at jdbc:postgresql://127.0.0.1:1/test:"
                + " Connection to 127.0.0.1:1 refused. Check that the hostname and port are"
                + " correct and that the postmaster is accepting TCP/IP connections. (check the"
                + " URL, the user and the password, and that the database is up)");
  }

  /**
   * The database as rows: its schema history, then each table's name and row count (Flyway's
   * history included), in the test's own schema.
   */
  private static List<String> everyTable(DatabaseExtension db) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement()) {
      try (ResultSet history =
          statement.executeQuery(
              "SELECT \"installed_rank\", \"version\", \"checksum\", \"success\""
                  + " FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"")) {
        while (history.next()) {
          rows.add(
              "history "
                  + history.getInt(1)
                  + " V"
                  + history.getString(2)
                  + " "
                  + history.getInt(3)
                  + " "
                  + history.getBoolean(4));
        }
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet names =
          statement.executeQuery(
              "SELECT table_name FROM information_schema.tables"
                  + " WHERE table_schema = CURRENT_SCHEMA ORDER BY table_name")) {
        while (names.next()) {
          tables.add(names.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
          count.next();
          rows.add(table + " " + count.getLong(1));
        }
      }
    }
    assertThat(rows).as("the database has tables").hasSizeGreaterThan(30);
    return rows;
  }

  @Test
  void lintWithADatabaseButNotOnlineIsAUsageError() {
    Cli.Result result =
        Cli.run(
            "lint", "--config", dir.resolve("shepherd.yaml").toString(), "--db", "jdbc:h2:mem:x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines())
        .containsExactly(
            "shepherd lint: --db is read with --online only (the user group pins serve keeps)");
  }

  @Test
  void aSlackThatWillNotAnswerIsOneErrorSayingWhy() {
    slack.userGroupsScope(false);

    assertThat(check.problems(groups()))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .isEqualTo(
                        "cannot check the approver groups @leads, @laeds, S0LEADS, S0GONE, @nobody:"
                            + " Slack answered usergroups.list with missing_scope: add the usergroups:read scope"
                            + " to the app and reinstall it"));
  }

  @Test
  void lintOnlineWithoutATokenSaysWhatItNeeds() {
    assumeTrue(System.getenv("SLACK_BOT_TOKEN") == null, "SLACK_BOT_TOKEN is set here");

    Cli.Result result = Cli.run("lint", "--online", "--config", "config/shepherd.yaml");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines())
        .containsExactly(
            "shepherd lint: --online needs SLACK_BOT_TOKEN"
                + " (and SLACK_API_URL off slack.com) to ask Slack about user groups");
  }
}
