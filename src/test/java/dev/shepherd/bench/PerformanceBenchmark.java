package dev.shepherd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.store.Database;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.SignedRequests;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Shepherd's performance against the floor each part stands on, in one run: ack latency under
 * open-loop load against a bare Bolt app, clicks through the engine to the database with past
 * rollouts piling up, lint against commonmark alone, start-up and memory, and Slack pacing. Not a
 * test; run {@code bench/run.sh} (or {@code bench/run.sh quick}). Prints a Markdown report and
 * writes it to {@code target/bench/}.
 */
public final class PerformanceBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PG_URL =
      System.getenv().getOrDefault("SHEPHERD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER =
      System.getenv().getOrDefault("SHEPHERD_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD =
      System.getenv().getOrDefault("SHEPHERD_TEST_PG_PASSWORD", "");

  /**
   * Every server JVM (Shepherd's and bare Bolt's) run as the image runs it under helm/shepherd's
   * 768Mi memory limit: the Dockerfile's -XX:MaxRAMPercentage=75 and -XX:+UseSerialGC. Without them
   * a JVM on this 24 GiB machine starts with a 384 MiB heap and grows toward 6 GiB, which measures
   * the host, not Shepherd ({@code --host-defaults} measures that anyway).
   */
  public static final List<String> CONTAINER_JVM =
      List.of("-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC");

  private final Settings settings;
  private final Path work;
  private final StringBuilder report = new StringBuilder();
  private final List<String> schemas = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

  /** What to run and for how long; {@code quick} shortens everything for a smoke run. */
  record Settings(
      Set<String> parts,
      List<Integer> rates,
      Duration phase,
      Duration warmUp,
      int partitions,
      Duration stateRun,
      List<Integer> pastRollouts,
      int lintRunbooks,
      int lintRuns,
      int startUps,
      int paceSteps,
      boolean postgres,
      List<String> jvm,
      Path jfr) {

    static Settings parse(String[] args) {
      boolean quick = Arrays.asList(args).contains("quick");
      Set<String> parts = Set.of("ack", "state", "lint", "startup", "pacing");
      List<Integer> rates = List.of(50, 200, 500);
      Duration phase = Duration.ofSeconds(quick ? 5 : 30);
      Duration warmUp = Duration.ofSeconds(quick ? 5 : 20);
      Duration stateRun = Duration.ofSeconds(quick ? 4 : 15);
      List<Integer> past = quick ? List.of(0, 2_000) : List.of(0, 10_000, 100_000);
      int lintRunbooks = 1_000;
      int lintRuns = quick ? 3 : 10;
      int startUps = quick ? 1 : 3;
      int paceSteps = quick ? 10 : 40;
      boolean postgres = true;
      boolean hostDefaults = false;
      List<String> jvm = new ArrayList<>();
      Path jfr = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "quick" -> {}
          case "--only" -> parts = Set.of(args[++i].split(","));
          case "--rates" ->
              rates = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
          case "--seconds" -> phase = Duration.ofSeconds(Long.parseLong(args[++i]));
          case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(args[++i]));
          case "--past" ->
              past = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
          case "--no-postgres" -> postgres = false;
          case "--host-defaults" -> hostDefaults = true;
          case "--jvm" -> jvm.add(args[++i]);
          case "--jfr" -> jfr = Path.of(args[++i]).toAbsolutePath();
          default ->
              throw new IllegalArgumentException(
                  "unknown argument "
                      + args[i]
                      + " (quick, --only ack,state,lint,startup,pacing, --rates 50,200,500, --seconds 30,"
                      + " --warm-up 20, --past 0,10000,100000, --no-postgres, --host-defaults, --jvm OPTION,"
                      + " --jfr DIR)");
        }
      }
      if (!hostDefaults) {
        jvm.addAll(0, CONTAINER_JVM);
      }
      return new Settings(
          parts,
          rates,
          phase,
          warmUp,
          40,
          stateRun,
          past,
          lintRunbooks,
          lintRuns,
          startUps,
          paceSteps,
          postgres,
          List.copyOf(jvm),
          jfr);
    }
  }

  private PerformanceBenchmark(Settings settings, Path work) {
    this.settings = settings;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    Path work = Files.createTempDirectory("shepherd-bench");
    PerformanceBenchmark bench = new PerformanceBenchmark(settings, work);
    int status = 0;
    try {
      bench.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      bench.line("\n**The benchmark failed:** " + e);
      status = 1;
    } finally {
      bench.cleanUp();
      Path out = Path.of("target", "bench");
      Files.createDirectories(out);
      Path file = out.resolve("report-" + LocalDateTime.now().toString().replace(':', '-') + ".md");
      Files.writeString(file, bench.report);
      System.out.println("\nreport written to " + file);
    }
    System.exit(status);
  }

  private void run() throws Exception {
    if (settings.postgres() && !postgresReachable()) {
      line("PostgreSQL is not reachable at " + PG_URL + ": PostgreSQL runs skipped.");
    }
    line("# Shepherd benchmark, " + LocalDateTime.now().withNano(0));
    line("");
    line(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + cpuModel()
            + ", "
            + memTotal()
            + "; "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + "; load at start "
            + load());
    line("settings: " + settings);
    if (settings.parts().contains("lint")) {
      lint();
    }
    if (settings.parts().contains("startup")) {
      startUp();
    }
    if (settings.parts().contains("pacing")) {
      pacing();
    }
    if (settings.parts().contains("state")) {
      statePath();
    }
    if (settings.parts().contains("ack")) {
      ack();
    }
    line("\nload at the end " + load());
  }

  // ---------------------------------------------------------------- ack latency under load

  /** A server under load: its process, its fake Slack, and the buttons of its live rollouts. */
  private record Target(String name, ServerProcess server, FakeSlack slack, List<Live> live) {}

  /** A button on a live rollout's step message. */
  private record Live(String channel, String messageTs, String threadTs, String value) {}

  private void ack() throws Exception {
    line("\n## Ack latency under open-loop load");
    line(
        "Signed requests from this process to a server in its own JVM; fake Slack Web API"
            + " answering in 100–300 ms. Mix: 25% `/rollout status`, 15% `/rollout list`, 10%"
            + " `/rollout help`, 50% clicks (Done, Approve, Failed by the operator, an approver or a"
            + " stranger) on the step 1 buttons of "
            + settings.partitions()
            + " live rollouts.");
    BenchWorkspace workspace = BenchWorkspace.create(work.resolve("ack"), settings.partitions());
    List<Target> targets = new ArrayList<>();
    try (OpenLoop load = new OpenLoop()) {
      targets.add(bolt());
      targets.add(shepherd("shepherd-h2", workspace, h2Url(work.resolve("ack-h2")), "C0H2"));
      if (settings.postgres() && postgresReachable()) {
        targets.add(shepherd("shepherd-pg", workspace, newPostgresSchema(), "C0PG"));
      }
      for (Target target : targets) {
        line(
            "- "
                + target.name()
                + " ready "
                + ms(target.server().startUp)
                + " after `java` started; "
                + target.live().size()
                + " live rollouts");
      }
      for (Target target : targets) {
        OpenLoop.Result warm =
            load.run(
                target.server().events(),
                BenchWorkspace.SECRET,
                200,
                settings.warmUp(),
                mix(target));
        System.out.println(
            "warm-up " + target.name() + ": " + warm.stats().format() + " errors " + warm.errors);
        Thread.sleep(1000);
      }
      Map<String, Map<Integer, OpenLoop.Stats>> byTarget = new LinkedHashMap<>();
      line("");
      line(
          "| rate | server | p50 | p99 | max | errors | server CPU | sender late (max) | load (1/5/15 min) |");
      line("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
      Map<String, Double> peakRss = new LinkedHashMap<>();
      for (int rate : settings.rates()) {
        for (Target target : targets) {
          target.slack().forget();
          String loadBefore = load();
          double cpu0 = target.server().cpuSeconds();
          OpenLoop.Result result =
              load.run(
                  target.server().events(),
                  BenchWorkspace.SECRET,
                  rate,
                  settings.phase(),
                  mix(target));
          double cpu = target.server().cpuSeconds() - cpu0;
          OpenLoop.Stats stats = result.stats();
          byTarget.computeIfAbsent(target.name(), n -> new LinkedHashMap<>()).put(rate, stats);
          line(
              String.format(
                  Locale.ROOT,
                  "| %d/s | %s | %.1f ms | %.1f ms | %.1f ms | %d%s | %.0f%% of a core | %.1f ms | %s |",
                  rate,
                  target.name(),
                  stats.p50(),
                  stats.p99(),
                  stats.max(),
                  result.errors,
                  result.errorKinds.isEmpty() ? "" : " " + result.errorKinds,
                  100 * cpu / (settings.phase().toNanos() / 1e9),
                  result.maxSendLagNanos / 1e6,
                  loadBefore));
          for (String kind : result.nanos.keySet()) {
            System.out.println("    " + kind + ": " + result.stats(kind).format());
          }
          if (rate == 200 && !target.name().equals("bolt")) {
            peakRss.put(target.name(), target.server().peakRssMiB());
          }
          Thread.sleep(2000);
        }
      }
      line("");
      line("Shepherd / bare Bolt:");
      for (Target target : targets) {
        if (target.name().equals("bolt")) {
          continue;
        }
        for (int rate : settings.rates()) {
          OpenLoop.Stats mine = byTarget.get(target.name()).get(rate);
          OpenLoop.Stats floor = byTarget.get("bolt").get(rate);
          line(
              String.format(
                  Locale.ROOT,
                  "- %s at %d/s: p50 %.2f×, p99 %.2f× (%.1f / %.1f ms)",
                  target.name(),
                  rate,
                  mine.p50() / floor.p50(),
                  mine.p99() / floor.p99(),
                  mine.p99(),
                  floor.p99()));
        }
      }
      line("");
      for (Map.Entry<String, Double> rss : peakRss.entrySet()) {
        line(
            String.format(
                Locale.ROOT,
                "- peak RSS (VmHWM) of %s after warm-up and the 50 and 200/s runs: %.0f MiB",
                rss.getKey(),
                rss.getValue()));
      }
      for (Target target : targets) {
        line(
            String.format(
                Locale.ROOT,
                "- %s RSS at the end: %.0f MiB, peak %.0f MiB",
                target.name(),
                target.server().rssMiB(),
                target.server().peakRssMiB()));
      }
    } finally {
      for (Target target : targets) {
        target.server().close();
        target.slack().close();
      }
    }
  }

  private OpenLoop.Mix mix(Target target) {
    Random random = new Random(42);
    String[] actions = {ActionIds.DONE, ActionIds.APPROVE, ActionIds.FAIL};
    String[] users = {BenchWorkspace.ALICE, BenchWorkspace.BOB, BenchWorkspace.STRANGER};
    return i -> {
      long id = sequence.incrementAndGet();
      String trigger = "trigger-" + id;
      String user = users[random.nextInt(users.length)];
      int roll = random.nextInt(100);
      if (roll < 25) {
        return new OpenLoop.Request(
            "status", SignedRequests.commandBody(user, "C0ANY", "status", trigger));
      }
      if (roll < 40) {
        return new OpenLoop.Request(
            "list", SignedRequests.commandBody(user, "C0ANY", "list", trigger));
      }
      if (roll < 50) {
        return new OpenLoop.Request(
            "help", SignedRequests.commandBody(user, "C0ANY", "help", trigger));
      }
      Live live = target.live().get(random.nextInt(target.live().size()));
      String actionTs = id / 1_000_000 + "." + String.format("%06d", id % 1_000_000);
      return new OpenLoop.Request(
          "click",
          SignedRequests.clickBody(
              user,
              live.channel(),
              live.messageTs(),
              live.threadTs(),
              actions[random.nextInt(actions.length)],
              live.value(),
              actionTs,
              trigger));
    };
  }

  private Target bolt() throws Exception {
    FakeSlack slack = slowSlack();
    Map<String, String> env =
        Map.of(
            "SLACK_SIGNING_SECRET",
            BenchWorkspace.SECRET,
            "SLACK_BOT_TOKEN",
            BenchWorkspace.TOKEN,
            "SLACK_API_URL",
            slack.apiUrl());
    ServerProcess server =
        ServerProcess.start(
            "bolt",
            ServerProcess.java(
                jvm("bolt"), "-cp", absoluteClassPath(), BareBoltApp.class.getName()),
            env,
            work,
            work.resolve("bolt.log"));
    List<Live> live = new ArrayList<>();
    for (int i = 0; i < settings.partitions(); i++) {
      live.add(
          new Live(
              "C0BOLT" + i,
              "1764000000.000" + (100 + i),
              "1764000000.000" + (100 + i),
              UUID.randomUUID() + ":forward:1"));
    }
    return new Target("bolt", server, slack, live);
  }

  /** Shepherd from its jar, with live rollouts on every partition, each in a channel of its own. */
  private Target shepherd(String name, BenchWorkspace workspace, String dbUrl, String channels)
      throws Exception {
    FakeSlack slack = slowSlack();
    ServerProcess server = startShepherd(name, workspace, dbUrl, slack, jvm(name));
    return new Target(name, server, slack, liveRollouts(name, server, slack, workspace, channels));
  }

  /** Starts a rollout on every partition through Slack, and waits for each one's step 1 message. */
  private static List<Live> liveRollouts(
      String name, ServerProcess server, FakeSlack slack, BenchWorkspace workspace, String channels)
      throws Exception {
    SignedRequests requests = new SignedRequests(server.events().toString(), BenchWorkspace.SECRET);
    for (int i = 0; i < workspace.partitions.size(); i++) {
      String partition = workspace.partitions.get(i);
      HttpResponse<String> answer =
          requests.command(
              BenchWorkspace.ALICE,
              channels + i,
              partition + " bench-deploy --override \"benchmark\"");
      if (!answer.body().contains("Starting")) {
        throw new IllegalStateException(
            name + " did not start on " + partition + ": " + answer.body());
      }
    }
    List<Live> live = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (live.size() < workspace.partitions.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + ": only " + live.size() + " step messages were posted");
      }
      Thread.sleep(200);
      live.clear();
      for (FakeSlack.Message message : slack.messages()) {
        message
            .button(ActionIds.DONE)
            .filter(v -> v.matches(".+:forward:1" + "(:sha256:[0-9a-f]{24})?"))
            .ifPresent(
                value ->
                    live.add(new Live(message.channel(), message.ts(), message.threadTs(), value)));
      }
    }
    return live;
  }

  private ServerProcess startShepherd(
      String name, BenchWorkspace workspace, String dbUrl, FakeSlack slack, List<String> jvm)
      throws Exception {
    Path data =
        Files.createDirectories(work.resolve("data-" + name + "-" + sequence.incrementAndGet()));
    Map<String, String> env = new HashMap<>();
    env.put("SLACK_BOT_TOKEN", BenchWorkspace.TOKEN);
    env.put("SLACK_SIGNING_SECRET", BenchWorkspace.SECRET);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("SHEPHERD_DB_URL", dbUrl);
    if (dbUrl.startsWith("jdbc:postgresql:")) {
      env.put("SHEPHERD_DB_USER", PG_USER);
      env.put("SHEPHERD_DB_PASSWORD", PG_PASSWORD);
    }
    env.put("SHEPHERD_DATA_DIR", data.toString());
    env.put("SHEPHERD_HOST", "127.0.0.1");
    List<String> command =
        ServerProcess.java(
            jvm,
            "-jar",
            jar().toString(),
            "serve",
            "--config",
            workspace.config.toString(),
            "--runbooks",
            workspace.runbooks.toString());
    return ServerProcess.start(
        name,
        command,
        env,
        workspace.folder,
        work.resolve(name + "-" + sequence.incrementAndGet() + ".log"));
  }

  private List<String> jvm(String name) {
    List<String> options = new ArrayList<>(settings.jvm());
    if (settings.jfr() != null && !name.startsWith("startup")) {
      options.add(
          "-XX:StartFlightRecording=filename="
              + settings.jfr().resolve(name + ".jfr")
              + ",settings=profile,dumponexit=true");
    }
    return options;
  }

  private static FakeSlack slowSlack() throws IOException {
    FakeSlack slack = new FakeSlack(64);
    slack.delay(Duration.ofMillis(100), Duration.ofMillis(300));
    return slack;
  }

  // ---------------------------------------------------------------- state path

  private void statePath() throws Exception {
    line("\n## State path: clicks through the engine to the database");
    line(
        "4 threads, each walking rollouts of the 20-step runbook on partitions of its own: Done"
            + " (accepted) then the same click again (refused as stale), one transaction and one audit row"
            + " each. Then `/rollout status` and `/rollout list` over HTTP on Shepherd serving that database"
            + " (40 live rollouts), 20 requests a second open-loop.");
    BenchWorkspace workspace = BenchWorkspace.create(work.resolve("state"), settings.partitions());
    List<String> databases = new ArrayList<>(List.of("h2"));
    if (settings.postgres() && postgresReachable()) {
      databases.add("postgresql");
    }
    line("");
    line(
        "| database | past rollouts | clicks/s | accepted | refused | click p50 | click p99 | `/rollout status` p50 / p99 | `/rollout list` p50 / p99 | load (1/5/15 min) |");
    line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |");
    for (String database : databases) {
      String url = database.equals("h2") ? h2Url(work.resolve("state-h2")) : newPostgresSchema();
      String user = database.equals("h2") ? "" : PG_USER;
      String password = database.equals("h2") ? "" : PG_PASSWORD;
      int seeded = 0;
      for (int past : settings.pastRollouts()) {
        if (past > seeded) {
          long t0 = System.nanoTime();
          try (Database db = Database.open(url, user, password, null)) {
            // migrated before the rows go in
          }
          PastRollouts.seed(
              url,
              user,
              password,
              past - seeded,
              BenchWorkspace.RUNBOOKS,
              workspace.partitions,
              past);
          System.out.printf(
              "seeded %d past rollouts into %s in %.1f s%n",
              past - seeded, database, (System.nanoTime() - t0) / 1e9);
          seeded = past;
        }
        String loadBefore = load();
        StatePath.Result result;
        try (Database db = Database.open(url, user, password, null)) {
          RolloutService engine = StatePath.engine(db, workspace);
          StatePath.abortAll(engine, workspace.partitions);
          StatePath.run(engine, workspace.partitions, 4, Duration.ofSeconds(2)); // warm-up
          result = StatePath.run(engine, workspace.partitions, 4, settings.stateRun());
          StatePath.abortAll(engine, workspace.partitions);
        }
        PastRollouts.age(url, user, password);
        String[] commands = commandLatencies(database, workspace, url);
        line(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %.0f | %d | %d | %.1f ms | %.1f ms | %s | %s | %s |",
                database,
                past,
                result.clicksPerSecond(),
                result.accepted(),
                result.refused(),
                result.click().p50(),
                result.click().p99(),
                commands[0],
                commands[1],
                loadBefore));
      }
    }
  }

  /**
   * p50 / p99 of {@code /rollout status} and {@code /rollout list} on Shepherd over that database.
   */
  private String[] commandLatencies(String name, BenchWorkspace workspace, String url)
      throws Exception {
    FakeSlack slack = slowSlack();
    try (OpenLoop load = new OpenLoop();
        ServerProcess server =
            startShepherd("state-" + name, workspace, url, slack, settings.jvm())) {
      liveRollouts(name, server, slack, workspace, "C0ST" + sequence.incrementAndGet() + "x");
      String[] answers = new String[2];
      int index = 0;
      for (String verb : List.of("status", "list")) {
        OpenLoop.Mix mix =
            i ->
                new OpenLoop.Request(
                    verb,
                    SignedRequests.commandBody(
                        BenchWorkspace.BOB,
                        "C0ANY",
                        verb,
                        "trigger-" + sequence.incrementAndGet()));
        load.run(server.events(), BenchWorkspace.SECRET, 20, Duration.ofSeconds(3), mix); // warm-up
        OpenLoop.Result result =
            load.run(server.events(), BenchWorkspace.SECRET, 20, Duration.ofSeconds(10), mix);
        OpenLoop.Stats stats = result.stats();
        answers[index++] =
            String.format(
                Locale.ROOT,
                "%.1f / %.1f ms%s",
                stats.p50(),
                stats.p99(),
                result.errors > 0 ? " (" + result.errors + " errors)" : "");
      }
      return answers;
    } finally {
      slack.close();
    }
  }

  // ---------------------------------------------------------------- lint

  private void lint() throws Exception {
    line("\n## Lint: 1,000 runbooks × 20 steps × 3 partitions against commonmark alone");
    String loadBefore = load();
    LintBenchmark.Measured measured =
        LintBenchmark.measure(settings.lintRunbooks(), 20, 3, settings.lintRuns());
    line(
        String.format(
            Locale.ROOT,
            "- read %.3f s, parse %.3f s, lint %.3f s (medians of %d runs); total %.3f s",
            measured.read(),
            measured.parse(),
            measured.lint(),
            settings.lintRuns(),
            measured.total()));
    line(
        String.format(
            Locale.ROOT,
            "- commonmark alone on the same texts: %.3f s as Shepherd configures it"
                + " (tables, source spans), %.3f s with tables only",
            measured.commonmark(),
            measured.commonmarkPlain()));
    line(
        String.format(
            Locale.ROOT,
            "- **parse + lint / commonmark: %.2f×** (%.2f× against tables only); load %s",
            measured.ratio(),
            measured.ratioPlain(),
            loadBefore));
  }

  // ---------------------------------------------------------------- start-up

  private void startUp() throws Exception {
    line("\n## Start-up: `java -jar target/shepherd.jar serve` to the first `/readyz` 200");
    line(
        "Fake Slack answering `auth.test` in 100–300 ms. A first start migrates a fresh database"
            + " (Flyway); a restart finds it migrated. Then the same with an AppCDS archive made by one"
            + " training start (`-XX:ArchiveClassesAtExit`, then `-XX:SharedArchiveFile`).");
    BenchWorkspace workspace = BenchWorkspace.create(work.resolve("startup"), 3);
    List<String> databases = new ArrayList<>(List.of("h2"));
    if (settings.postgres() && postgresReachable()) {
      databases.add("postgresql");
    }
    Path archive = work.resolve("shepherd.jsa");
    List<String> training = new ArrayList<>(settings.jvm());
    training.add("-XX:ArchiveClassesAtExit=" + archive);
    FakeSlack trainingSlack = slowSlack();
    try (ServerProcess server =
        startShepherd(
            "startup-training",
            workspace,
            h2Url(work.resolve("startup-training")),
            trainingSlack,
            training)) {
      // stopped at once: the archive is written at exit
    } finally {
      trainingSlack.close();
    }
    line("");
    line(
        "| database | JVM | first start (median / max) | restart (median / max) | load (1/5/15 min) |");
    line("| --- | --- | --- | --- | --- |");
    for (boolean cds : List.of(false, true)) {
      List<String> jvm = new ArrayList<>(settings.jvm());
      if (cds) {
        jvm.add("-XX:SharedArchiveFile=" + archive);
      }
      for (String database : databases) {
        List<Long> first = new ArrayList<>();
        List<Long> again = new ArrayList<>();
        String loadBefore = load();
        for (int i = 0; i < settings.startUps(); i++) {
          String url =
              database.equals("h2")
                  ? h2Url(work.resolve("startup-" + sequence.incrementAndGet()))
                  : newPostgresSchema();
          for (List<Long> times : List.of(first, again)) {
            FakeSlack slack = slowSlack();
            try (ServerProcess server =
                startShepherd("startup-" + database, workspace, url, slack, jvm)) {
              times.add(server.startUp.toMillis());
            } finally {
              slack.close();
            }
          }
        }
        line(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s |",
                database,
                cds ? "AppCDS archive" : "defaults",
                medianMax(first),
                medianMax(again),
                loadBefore));
      }
    }
  }

  private static String medianMax(List<Long> millis) {
    long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format(
        Locale.ROOT, "%d / %d ms", sorted[(sorted.length - 1) / 2], sorted[sorted.length - 1]);
  }

  // ---------------------------------------------------------------- Slack pacing

  private void pacing() throws Exception {
    int steps = settings.paceSteps();
    line(
        "\n## Slack pacing: a "
            + steps
            + "-step rollout against a fake Slack that enforces 1 post a"
            + " second per channel (bursts of 3)");
    BenchWorkspace workspace = BenchWorkspace.create(work.resolve("pacing"), 3);
    if (steps != 40) {
      Files.writeString(
          workspace.runbooks.resolve("bench-pace.md"), BenchWorkspace.steps("bench-pace", steps));
    }
    FakeSlack slack = slowSlack();
    slack.rateLimit(1.0, 3);
    String loadBefore = load();
    try (ServerProcess server =
        startShepherd(
            "pacing", workspace, h2Url(work.resolve("pacing-h2")), slack, settings.jvm())) {
      SignedRequests requests =
          new SignedRequests(server.events().toString(), BenchWorkspace.SECRET);
      long start = System.nanoTime();
      HttpResponse<String> answer =
          requests.command(BenchWorkspace.ALICE, "C0PACE", "p01 bench-pace");
      if (!answer.body().contains("Starting")) {
        throw new IllegalStateException("pacing rollout did not start: " + answer.body());
      }
      for (int step = 1; step <= steps; step++) {
        String suffix = ":forward:" + step;
        FakeSlack.Message message =
            awaitMessage(
                slack,
                m ->
                    m.button(ActionIds.DONE)
                        .filter(v -> v.matches(".+" + suffix + "(:sha256:[0-9a-f]{24})?"))
                        .isPresent(),
                "step " + step);
        requests.click(
            BenchWorkspace.ALICE,
            "C0PACE",
            message.ts(),
            message.threadTs(),
            ActionIds.DONE,
            message.button(ActionIds.DONE).get());
      }
      awaitMessage(
          slack,
          m -> m.isTopLevel() && m.text().toLowerCase(Locale.ROOT).contains("completed"),
          "the summary");
      double seconds = (System.nanoTime() - start) / 1e9;
      List<FakeSlack.Call> calls = slack.calls();
      long posts =
          calls.stream()
              .filter(c -> c.method().equals("chat.postMessage") && !c.ts().startsWith("failed"))
              .count();
      long updates = calls.stream().filter(c -> c.method().equals("chat.update")).count();
      double bound = Math.max(0, posts - 3) / 1.0;
      List<Long> postTimes =
          calls.stream()
              .filter(c -> c.method().equals("chat.postMessage") && !c.ts().startsWith("failed"))
              .map(FakeSlack.Call::atNanos)
              .toList();
      List<Double> gaps = new ArrayList<>();
      for (int i = 1; i < postTimes.size(); i++) {
        gaps.add((postTimes.get(i) - postTimes.get(i - 1)) / 1e9);
      }
      long origin = calls.get(0).atNanos();
      for (FakeSlack.Call call : calls.subList(Math.max(0, calls.size() - 8), calls.size())) {
        System.out.printf(
            Locale.ROOT,
            "  %.2f s %s %s%n",
            (call.atNanos() - origin) / 1e9,
            call.method(),
            call.param("text").lines().findFirst().orElse(""));
      }
      System.out.println(
          "gaps between posts (s): "
              + gaps.stream().map(g -> String.format(Locale.ROOT, "%.2f", g)).toList());
      line(
          String.format(
              Locale.ROOT,
              "- between two posts: mean %.2f s, min %.2f s, max %.2f s",
              gaps.stream().mapToDouble(Double::doubleValue).average().orElse(0),
              gaps.stream().mapToDouble(Double::doubleValue).min().orElse(0),
              gaps.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
      line(
          String.format(
              Locale.ROOT,
              "- %d posts and %d updates in %.1f s; **%d answered 429**;"
                  + " the rate allows it in %.0f s at best (%d posts, burst 3, 1/s): %.2f× that; load %s",
              posts,
              updates,
              seconds,
              slack.rateLimited(),
              bound,
              posts,
              seconds / bound,
              loadBefore));
    } finally {
      slack.close();
    }
  }

  private static FakeSlack.Message awaitMessage(
      FakeSlack slack, Predicate<FakeSlack.Message> condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (FakeSlack.Message message : slack.messages()) {
        if (condition.test(message)) {
          return message;
        }
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException(
        "timed out waiting for " + what + "; calls:\n" + slack.describe());
  }

  // ---------------------------------------------------------------- helpers

  private static String h2Url(Path folder) {
    return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("shepherd");
  }

  private String newPostgresSchema() throws SQLException {
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    schemas.add(schema);
    return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static boolean postgresReachable() {
    DriverManager.setLoginTimeout(3);
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
      return connection.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  private void cleanUp() {
    for (String schema : schemas) {
      try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        System.err.println("could not drop benchmark schema " + schema + ": " + e.getMessage());
      }
    }
    try (var walk = Files.walk(work)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + work + ": " + e.getMessage());
    }
  }

  private static String absoluteClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Path jar() {
    Path jar = Path.of("target", "shepherd.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run bench/run.sh, which builds it");
    }
    return jar;
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }

  private static String ms(Duration duration) {
    return duration.toMillis() + " ms";
  }

  static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " / " + fields[1] + " / " + fields[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .findFirst()
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB RAM")
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
