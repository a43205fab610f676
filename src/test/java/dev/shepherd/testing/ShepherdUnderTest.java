package dev.shepherd.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.app.Learning;
import dev.shepherd.app.ShepherdApp;
import dev.shepherd.slack.view.ActionIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Shepherd started in-process as {@code serve} starts it, talking to a {@link FakeSlack}, with a
 * three-partition config and a three-step runbook written to a temporary folder.
 */
public final class ShepherdUnderTest implements AutoCloseable {
  public static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  public static final String OPERATOR = "U0OPERATOR";
  public static final String ALICE = "U0ALICE";
  public static final String BOB = "U0BOB";
  public static final String PROD_LEAD = "U0PRODLEAD";
  public static final String STRANGER = "U0STRANGER";
  public static final String CHANNEL = "C0DEPLOYS";
  public static final Duration WAIT = Duration.ofSeconds(20);

  /** What a step's button value may end with: the step's fingerprint as drawn. */
  public static final String STEP_FINGERPRINT = "(:sha256:[0-9a-f]{24})?";

  public static final String CONFIG =
      """
      runbooks: ./runbooks
      partitions:
        - name: dev
          vars: {region: us-east-2, vault: Arda-DevOAM}
        - name: stage
          vars: {region: us-east-2, vault: Arda-StageOAM}
        - name: prod
          protected: true
          approvers: [U0PRODLEAD, U0ALICE, U0BOB]
          operators: [U0OPERATOR]
          approvals: 2
          vars: {region: us-east-1, vault: Arda-ProdOAM}
      """;

  public static final String RUNBOOK = TestRunbooks.THREE_STEPS;

  public final FakeSlack slack;
  public final Path folder;
  public final String dbUrl;
  public ShepherdApp shepherd;
  public SignedRequests requests;

  /**
   * What Propose runbook changes and Draft retrospective read, when not derived from the record;
   * set before {@link #start}.
   */
  public Optional<Learning> learning = Optional.empty();

  public ShepherdUnderTest(Path folder) throws Exception {
    this(folder, new FakeSlack(), "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  public ShepherdUnderTest(Path folder, FakeSlack slack, String dbUrl) throws Exception {
    this(folder, slack, dbUrl, CONFIG, Map.of("oam-secrets.md", RUNBOOK), Map.of());
  }

  public final Map<String, String> extraEnv;

  /** Shepherd on its own config, runbooks (file name → text) and extra environment. */
  public ShepherdUnderTest(
      Path folder,
      FakeSlack slack,
      String dbUrl,
      String config,
      Map<String, String> runbooks,
      Map<String, String> extraEnv)
      throws Exception {
    this(folder, slack, dbUrl, config, runbooks, extraEnv, true);
  }

  /**
   * The folder, fake Slack and helpers of a Shepherd that is not started here: another JVM runs it
   * ({@link ShepherdChild}); {@link #sendTo} says where, {@link #start} starts one here later.
   */
  public static ShepherdUnderTest notStarted(Path folder, FakeSlack slack, String dbUrl)
      throws Exception {
    return new ShepherdUnderTest(
        folder, slack, dbUrl, CONFIG, Map.of("oam-secrets.md", RUNBOOK), Map.of(), false);
  }

  private ShepherdUnderTest(
      Path folder,
      FakeSlack slack,
      String dbUrl,
      String config,
      Map<String, String> runbooks,
      Map<String, String> extraEnv,
      boolean start)
      throws Exception {
    this.folder = folder;
    this.slack = slack;
    this.dbUrl = dbUrl;
    this.extraEnv = Map.copyOf(extraEnv);
    Files.createDirectories(folder.resolve("runbooks"));
    Files.writeString(folder.resolve("shepherd.yaml"), config);
    for (Map.Entry<String, String> runbook : runbooks.entrySet()) {
      Files.writeString(folder.resolve("runbooks").resolve(runbook.getKey()), runbook.getValue());
    }
    if (start) {
      start();
    }
  }

  public void start() throws Exception {
    ShepherdApp.Builder builder =
        configure(ShepherdApp.builder(), folder, slack.apiUrl(), dbUrl, extraEnv);
    learning.ifPresent(builder::learning);
    shepherd = builder.start();
    requests =
        new SignedRequests(
            "http://127.0.0.1:" + shepherd.port() + "/slack/events",
            SECRET,
            slack::issueResponseUrl);
  }

  /**
   * How the tests start Shepherd, in this JVM or another: on the folder's config and runbooks (a
   * {@code SHEPHERD_RUNBOOKS} among the extra environment names another source, a git URL), on
   * loopback, against the fake Slack, fast-paced. The extra environment may replace the signing
   * secret (Socket Mode alone has none) and the pacing (a benchmark sets Shepherd's own defaults)
   * and sets whatever else a test needs.
   */
  public static ShepherdApp.Builder configure(
      ShepherdApp.Builder builder,
      Path folder,
      String slackApiUrl,
      String dbUrl,
      Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>();
    env.put("SHEPHERD_DATA_DIR", folder.resolve("data").toString());
    // Fast-paced like the posts: a test that counts updates against a tier sets its own.
    env.put("SHEPHERD_SLACK_UPDATES_PER_MINUTE", "6000");
    env.putAll(extraEnv);
    return builder
        .environment(env)
        .config(folder.resolve("shepherd.yaml"))
        .runbooks(extraEnv.getOrDefault("SHEPHERD_RUNBOOKS", folder.resolve("runbooks").toString()))
        .listen("127.0.0.1", 0)
        .database(
            extraEnv.getOrDefault("SHEPHERD_DB_URL", dbUrl),
            extraEnv.getOrDefault("SHEPHERD_DB_USER", ""),
            extraEnv.getOrDefault("SHEPHERD_DB_PASSWORD", ""))
        .slack(
            slackApiUrl, "xoxb-test-token", extraEnv.getOrDefault("SLACK_SIGNING_SECRET", SECRET))
        .pacing(
            Duration.ofMillis(
                Long.parseLong(extraEnv.getOrDefault("SHEPHERD_SLACK_POST_INTERVAL_MS", "20"))),
            Duration.ofSeconds(
                Long.parseLong(extraEnv.getOrDefault("SHEPHERD_SYNC_SECONDS", "1"))));
  }

  /** Sends the requests to a Shepherd that another JVM runs, on {@code port}, instead. */
  public void sendTo(int port) {
    requests =
        new SignedRequests(
            "http://127.0.0.1:" + port + "/slack/events", SECRET, slack::issueResponseUrl);
  }

  public void stop() {
    shepherd.close();
  }

  public String eventsUrl() {
    return "http://127.0.0.1:" + shepherd.port() + "/slack/events";
  }

  /** Types {@code /rollout text} and returns the ephemeral answer's text. */
  public String command(String user, String text) throws IOException, InterruptedException {
    HttpResponse<String> response = requests.command(user, CHANNEL, text);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(response.body())
        .path("text")
        .asText();
  }

  /** Clicks the button a message shows. */
  public HttpResponse<String> click(String user, FakeSlack.Message message, String actionId)
      throws IOException, InterruptedException {
    String value =
        message
            .button(actionId)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "message "
                            + message.ts()
                            + " has no "
                            + actionId
                            + " button: "
                            + message.blocks()));
    HttpResponse<String> response =
        requests.click(user, CHANNEL, message.ts(), message.threadTs(), actionId, value);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  public FakeSlack.Message await(String what, Predicate<FakeSlack.Message> condition)
      throws InterruptedException {
    List<FakeSlack.Call> unused = slack.await(what, calls -> find(condition).isPresent(), WAIT);
    return find(condition).orElseThrow();
  }

  public Optional<FakeSlack.Message> find(Predicate<FakeSlack.Message> condition) {
    List<FakeSlack.Message> messages = slack.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (condition.test(messages.get(i))) {
        return Optional.of(messages.get(i));
      }
    }
    return Optional.empty();
  }

  /** The root message of the newest rollout thread on a partition. */
  public FakeSlack.Message root(String partition) throws InterruptedException {
    return await(
        "the root message on " + partition,
        m -> m.isTopLevel() && m.text().contains(" on " + partition + " by ") && !isSummary(m));
  }

  public static boolean isSummary(FakeSlack.Message message) {
    String text = message.text().toLowerCase();
    return text.contains("completed") || text.contains("aborted") || text.contains("rolled back");
  }

  /** The message of step N in a thread, once it shows a Done button. */
  public FakeSlack.Message openStep(String thread, int step) throws InterruptedException {
    return await(
        "step " + step + " with a Done button in thread " + thread,
        m ->
            thread.equals(m.threadTs())
                && m.button(ActionIds.DONE).isPresent()
                && m.button(ActionIds.DONE).get().matches(".+:forward:" + step + STEP_FINGERPRINT));
  }

  /** Walks a started rollout to its end through buttons, approving where a step asks. */
  public void walk(String thread, int steps, List<String> approvers) throws Exception {
    walk(thread, 1, steps, approvers);
  }

  /** Walks steps {@code from} to {@code to} of a thread. */
  public void walk(String thread, int from, int to, List<String> approvers) throws Exception {
    for (int step = from; step <= to; step++) {
      FakeSlack.Message message = openStep(thread, step);
      if (message.button(ActionIds.APPROVE).isPresent()) {
        for (String approver : approvers) {
          click(approver, message, ActionIds.APPROVE);
        }
      }
      click(OPERATOR, message, ActionIds.DONE);
      String ts = message.ts();
      await(
          "step " + step + " marked done",
          m -> m.ts().equals(ts) && m.button(ActionIds.DONE).isEmpty());
    }
  }

  /** {@code GET /readyz}: its status and body, as {@code "200 ready"}. */
  public String readyz() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + shepherd.port() + "/readyz"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body().strip();
  }

  /** Waits for {@code /readyz} to say 200, after an outage. */
  public void awaitReady() throws Exception {
    Awaiting.until("/readyz to say 200 ready", WAIT, () -> readyz().equals("200 ready"));
  }

  public FakeSlack.Message summary(String partition) throws InterruptedException {
    return await(
        "the summary of " + partition,
        m -> m.isTopLevel() && isSummary(m) && m.text().contains(" on " + partition + " "));
  }

  @Override
  public void close() {
    if (shepherd != null) {
      shepherd.close();
    }
    slack.close();
  }
}
