package dev.shepherd.system;

import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * A fleet under Slack's limits: a 200-partition config in 5 waves, 50 rollouts at once in 50
 * channels, against a fake Slack that allows about one post per second per channel and 50
 * chat.update a minute per workspace (429 with Retry-After past them). One replica on H2, then two
 * on PostgreSQL. Reports each click's time until its message shows it, beside the floor the update
 * tier allows, Web API calls per click, 429s, lost or out-of-order updates, and RSS. Not a test:
 * {@code bench/fleet.sh}.
 */
public final class FleetBenchmark {
  static final int ROLLOUTS = Integer.getInteger("rollouts", 50);
  static final double UPDATES_PER_MINUTE = 50;

  /** The fleet: 200 partitions, or more when more rollouts run at once than waves would hold. */
  static final int PARTITIONS = Math.max(200, ROLLOUTS + 110);

  /**
   * How often an operator looks at the channel: each look rebuilds every message from the fake's
   * calls, and 200 operators looking every 20 ms would take the machine from the Shepherd measured.
   */
  static final Duration LOOK_EVERY = Duration.ofMillis(250);

  record Click(String rollout, String ts, String action, long sentNanos) {}

  /** Shepherd's defaults (docs/reference/environment.md), as a deployment runs it. */
  static final Map<String, String> PACING =
      Map.of(
          "SHEPHERD_SLACK_UPDATES_PER_MINUTE", "48",
          "SHEPHERD_SLACK_POST_INTERVAL_MS", "1000",
          "SHEPHERD_SYNC_SECONDS", "30");

  public static void main(String[] args) throws Exception {
    StringBuilder report = new StringBuilder("# Fleet benchmark\n\n");
    Path out = Path.of("target/bench/fleet.md");
    Files.createDirectories(out.getParent());
    // Each setup's figures are written as soon as it ends: a later one that fails keeps them.
    if (!Boolean.getBoolean("postgresOnly")) {
      report.append(run("one replica, H2", false)).append('\n');
      System.out.println(report);
      Files.writeString(out, report);
    }
    if (TestDatabases.postgresReachable() && !Boolean.getBoolean("h2Only")) {
      report.append(run("two replicas, PostgreSQL", true));
      System.out.println(report);
      Files.writeString(out, report);
    }
    System.exit(0); // the servers' non-daemon threads would keep the JVM up
  }

  static String config() {
    StringBuilder yaml =
        new StringBuilder(
            """
        runbooks: ./runbooks
        partition_defaults:
          vars: {region: us-east-2, vault: Cells}
        waves:
        """);
    int[] sizes = {ROLLOUTS, 10, 40, 50, Math.max(10, PARTITIONS - ROLLOUTS - 100)};
    int n = 0;
    for (int w = 0; w < 5; w++) {
      int size = sizes[w];
      yaml.append("  - name: wave-")
          .append(w + 1)
          .append("\n    parallel: ")
          .append(ROLLOUTS)
          .append("\n    partitions: [");
      for (int i = 0; i < size; i++, n++) {
        yaml.append(i == 0 ? "" : ", ").append(String.format("cell-%03d", n + 1));
      }
      yaml.append("]\n");
    }
    return yaml.toString();
  }

  static String run(String title, boolean twoReplicas) throws Exception {
    Path folder = Files.createTempDirectory("fleet-bench");
    String schema = null;
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    // Shepherd as it is deployed: its default update allowance (48 a minute, under the fake's
    // tier of 50), posts a second apart per channel, threads swept every 30 s.
    Map<String, String> env = PACING;
    if (twoReplicas) {
      schema = TestDatabases.newSchema();
      url = TestDatabases.createSchema(schema);
      env =
          Map.of(
              "SHEPHERD_DB_USER",
              TestDatabases.PG_USER,
              "SHEPHERD_DB_PASSWORD",
              TestDatabases.PG_PASSWORD,
              "SHEPHERD_SLACK_UPDATES_PER_MINUTE",
              PACING.get("SHEPHERD_SLACK_UPDATES_PER_MINUTE"),
              "SHEPHERD_SLACK_POST_INTERVAL_MS",
              PACING.get("SHEPHERD_SLACK_POST_INTERVAL_MS"),
              "SHEPHERD_SYNC_SECONDS",
              PACING.get("SHEPHERD_SYNC_SECONDS"));
    }
    String loadBefore = loadAverage();
    Map<String, String> runbooks = Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK);
    FakeSlack slack = new FakeSlack(32);
    slack.rateLimit(1, 1);
    slack.updateRateLimit(UPDATES_PER_MINUTE, 5);
    List<ShepherdUnderTest> replicas = new ArrayList<>();
    replicas.add(new ShepherdUnderTest(folder, slack, url, config(), runbooks, env));
    if (twoReplicas) {
      replicas.add(new ShepherdUnderTest(folder, slack, url, config(), runbooks, env));
    }
    ConcurrentLinkedQueue<Click> clicks = new ConcurrentLinkedQueue<>();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(ROLLOUTS);
    List<Future<?>> walks = new ArrayList<>();
    for (int i = 0; i < ROLLOUTS; i++) {
      int index = i;
      walks.add(
          pool.submit(
              () -> {
                walk(replicas, slack, index, clicks);
                return null;
              }));
    }
    for (Future<?> walk : walks) {
      walk.get();
    }
    long ended = System.nanoTime();
    pool.shutdown();
    Thread.sleep(3_000); // the last updates settle
    String result =
        measure(title, slack, List.copyOf(clicks), ended - started)
            + "| load average (1, 5, 15 min) before / after | "
            + loadBefore
            + " / "
            + loadAverage()
            + " |\n";
    for (ShepherdUnderTest replica : replicas) {
      replica.shepherd.close();
    }
    slack.close();
    if (schema != null) {
      TestDatabases.dropSchema(schema);
    }
    return result;
  }

  /** One operator: starts a rollout on cell i in channel i and clicks through it. */
  static void walk(
      List<ShepherdUnderTest> replicas,
      FakeSlack slack,
      int index,
      ConcurrentLinkedQueue<Click> clicks)
      throws Exception {
    String channel = String.format("C0BENCH%03d", index);
    String cell = String.format("cell-%03d", index + 1);
    ShepherdUnderTest first = replicas.get(0);
    Predicate<FakeSlack.Message> isRoot =
        m ->
            m.channel().equals(channel)
                && m.isTopLevel()
                && m.text().contains(" on " + cell + " by ");
    Optional<FakeSlack.Message> started = Optional.empty();
    // An overloaded machine may keep a start from being recorded (Shepherd then says so and
    // records nothing): the operator types it again, as a person would.
    for (int attempt = 0; started.isEmpty(); attempt++) {
      if (attempt == 5) {
        throw new IllegalStateException(cell + " did not start after 5 attempts");
      }
      try {
        first.requests.command(ShepherdUnderTest.OPERATOR, channel, cell + " oam-secrets");
      } catch (IOException closed) {
        continue;
      }
      started = find(slack, isRoot, Duration.ofSeconds(60));
    }
    FakeSlack.Message root = started.get();
    for (int step = 1; step <= 3; step++) {
      int n = step;
      FakeSlack.Message message =
          await(
              slack,
              m ->
                  root.ts().equals(m.threadTs())
                      && m.button(ActionIds.DONE)
                          .map(
                              v ->
                                  v.matches(".+:forward:" + n + ShepherdUnderTest.STEP_FINGERPRINT))
                          .orElse(false));
      ShepherdUnderTest replica = replicas.get((index + step) % replicas.size());
      if (message.button(ActionIds.APPROVE).isPresent()) {
        clickUntil(
            replica,
            slack,
            channel,
            message,
            ActionIds.APPROVE,
            ShepherdUnderTest.BOB,
            clicks,
            m -> m.ts().equals(message.ts()) && m.allText().contains("<@U0BOB>"));
      }
      clickUntil(
          replica,
          slack,
          channel,
          message,
          ActionIds.DONE,
          ShepherdUnderTest.OPERATOR,
          clicks,
          m -> m.ts().equals(message.ts()) && m.button(ActionIds.DONE).isEmpty());
    }
    // The walk ends when the channel sees the rollout completed: the root's last redraw, which
    // waits in the update queue behind the clicks, is part of the wall time.
    await(slack, m -> m.ts().equals(root.ts()) && m.blocks().toString().contains("completed"));
  }

  /**
   * Clicks until the message shows the click: an overloaded machine may keep a click from being
   * recorded (Shepherd then tells the clicker so), and a person clicks again. Only the click that
   * took counts.
   */
  static void clickUntil(
      ShepherdUnderTest replica,
      FakeSlack slack,
      String channel,
      FakeSlack.Message message,
      String action,
      String user,
      ConcurrentLinkedQueue<Click> clicks,
      Predicate<FakeSlack.Message> shown)
      throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      ConcurrentLinkedQueue<Click> sent = new ConcurrentLinkedQueue<>();
      try {
        click(replica, channel, message, action, user, sent);
      } catch (IOException noAnswer) {
        // No answer at all (the machine is overloaded): Slack would show an error; click again.
        continue;
      }
      if (find(slack, shown, Duration.ofSeconds(60)).isPresent()) {
        clicks.addAll(sent);
        return;
      }
    }
    throw new IllegalStateException(action + " on " + message.ts() + " never showed");
  }

  static void click(
      ShepherdUnderTest replica,
      String channel,
      FakeSlack.Message message,
      String action,
      String user,
      ConcurrentLinkedQueue<Click> clicks)
      throws Exception {
    long sent = System.nanoTime();
    try {
      replica.requests.click(
          user,
          channel,
          message.ts(),
          message.threadTs(),
          action,
          message.button(action).orElseThrow());
    } catch (IOException closed) {
      // The JDK client reused a keep-alive connection the server had just closed: send again,
      // as Slack retries a delivery that got no answer.
      replica.requests.click(
          user,
          channel,
          message.ts(),
          message.threadTs(),
          action,
          message.button(action).orElseThrow());
    }
    clicks.add(new Click(channel, message.ts(), action, sent));
  }

  static Optional<FakeSlack.Message> find(
      FakeSlack slack, Predicate<FakeSlack.Message> condition, Duration timeout)
      throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<FakeSlack.Message> found = slack.messages().stream().filter(condition).findFirst();
      if (found.isPresent() || System.nanoTime() > until) {
        return found;
      }
      // An operator's look at the channel, not a guess at how long Shepherd takes: what is
      // measured are the fake Slack's own timestamps.
      Thread.sleep(LOOK_EVERY.toMillis());
    }
  }

  static FakeSlack.Message await(FakeSlack slack, Predicate<FakeSlack.Message> condition)
      throws InterruptedException {
    return find(slack, condition, Duration.ofMinutes(20))
        .orElseThrow(() -> new AssertionError("no such message after 20 minutes"));
  }

  /** Whether a call redrew a message in Slack: a chat.update, or a response URL's replacement. */
  static boolean redrew(FakeSlack.Call call) {
    return (call.method().equals("chat.update") || call.method().equals("response_url"))
        && !call.ts().startsWith("failed")
        && !call.ts().equals("posted");
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static String measure(String title, FakeSlack slack, List<Click> clicks, long wallNanos) {
    List<FakeSlack.Call> calls = slack.calls();
    List<Double> latencies = new ArrayList<>();
    for (Click click : clicks) {
      calls.stream()
          .filter(
              c ->
                  redrew(c)
                      && FakeSlack.redrawn(c).equals(click.ts())
                      && c.atNanos() >= click.sentNanos())
          .mapToLong(FakeSlack.Call::atNanos)
          .min()
          .ifPresent(at -> latencies.add((at - click.sentNanos()) / 1e6));
    }
    Collections.sort(latencies);
    long updates =
        calls.stream()
            .filter(c -> c.method().equals("chat.update") && !c.ts().startsWith("failed"))
            .count();
    long posts =
        calls.stream()
            .filter(c -> c.method().equals("chat.postMessage") && !c.ts().startsWith("failed"))
            .count();
    long apiCalls = calls.stream().filter(c -> !c.method().equals("response_url")).count();
    long responses =
        calls.stream().filter(c -> c.method().equals("response_url") && redrew(c)).count();
    long responsesRefused =
        calls.stream().filter(c -> c.method().equals("response_url") && !redrew(c)).count();
    // Lost: a step message whose last state still offers Done. Out of order: a message that
    // showed Done again after it had shown it gone.
    long lost =
        slack.messages().stream()
            .filter(m -> m.threadTs() != null && m.button(ActionIds.DONE).isPresent())
            .count();
    long outOfOrder = 0;
    Map<String, List<FakeSlack.Call>> byTs = new HashMap<>();
    calls.stream()
        .filter(FleetBenchmark::redrew)
        .forEach(c -> byTs.computeIfAbsent(FakeSlack.redrawn(c), k -> new ArrayList<>()).add(c));
    for (List<FakeSlack.Call> updatesOfOne : byTs.values()) {
      boolean doneShown = false;
      for (FakeSlack.Call update : updatesOfOne) {
        boolean offersDone = update.blocks().toString().contains("\"" + ActionIds.DONE + "\"");
        if (doneShown && offersDone) {
          outOfOrder++;
        }
        doneShown |= !offersDone;
      }
    }
    double floor = updates / (UPDATES_PER_MINUTE / 60.0);
    return "## "
        + title
        + "\n\n"
        + "| measure | value |\n| --- | --- |\n"
        + "| rollouts, channels | "
        + ROLLOUTS
        + ", "
        + ROLLOUTS
        + " ("
        + PARTITIONS
        + " partitions in 5 waves) |\n"
        + "| clicks | "
        + clicks.size()
        + " ("
        + latencies.size()
        + " matched to an update) |\n"
        + "| click → its message updated, p50 / p99 | "
        + pct(latencies, 0.50)
        + " / "
        + pct(latencies, 0.99)
        + " ms |\n"
        + "| wall time / the update tier's floor for the "
        + updates
        + " updates sent | "
        + Math.round(wallNanos / 1e9)
        + " s / "
        + Math.round(floor)
        + " s |\n"
        + "| Web API calls per click | "
        + String.format("%.2f", apiCalls / (double) clicks.size())
        + " ("
        + posts
        + " posts, "
        + updates
        + " updates, "
        + apiCalls
        + " calls) |\n"
        + "| response URL redraws (refused by Slack) | "
        + responses
        + " ("
        + responsesRefused
        + ") |\n"
        + "| 429s: posts / updates (share of Web API calls) | "
        + slack.rateLimited()
        + " / "
        + slack.updatesLimited()
        + " ("
        + String.format("%.2f%%", 100.0 * (slack.rateLimited() + slack.updatesLimited()) / apiCalls)
        + ") |\n"
        + "| lost updates (a step still offering Done at the end) | "
        + lost
        + " |\n"
        + "| out of order (Done shown again after it was gone) | "
        + outOfOrder
        + " |\n"
        + "| RSS of the JVM (Shepherd, fake Slack and driver together) | "
        + rss()
        + " |\n";
  }

  static String pct(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return "-";
    }
    return String.valueOf(
        Math.round(sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())))));
  }

  static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS"))
          .findFirst()
          .map(l -> l.substring(6).strip())
          .orElse("?");
    } catch (IOException e) {
      return "? (" + e.getMessage() + ")";
    }
  }
}
