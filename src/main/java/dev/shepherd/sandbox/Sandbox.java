package dev.shepherd.sandbox;

import dev.shepherd.config.Config;
import dev.shepherd.runbook.Catalog;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shepherd with Slack played in-process: a Web API stand-in on a loopback port of its own (up
 * before Shepherd, which asks {@code auth.test} as it starts), and the page and its JSON on
 * Shepherd's own HTTP server, beside {@code /slack/events}. Shepherd itself is started by the
 * caller's {@link Starter}, exactly as {@code serve} starts it, with a fake bot token, a signing
 * secret made for this run, and its database in the data folder.
 *
 * <p>Thread-safe. {@link #close()} stops Shepherd and the stand-in, and deletes a temporary data
 * folder.
 */
public final class Sandbox implements AutoCloseable {
  static final String TEAM_ID = "T0SANDBOX";
  static final String APP_ID = "A0SHEPHERD";
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

  /** A rehearsal listens on this machine only, unless widened on purpose. */
  public static final String LOOPBACK = "127.0.0.1";

  /** A started Shepherd, as far as the sandbox needs to know it. */
  public interface Host extends AutoCloseable {
    /** The port its HTTP server listens on. */
    int port();

    Config config();

    Catalog catalog();

    /** Where its runbooks come from, for people to read: a folder, or a URL without credentials. */
    String runbooksSource();

    void join() throws InterruptedException;

    @Override
    void close();
  }

  /** Starts Shepherd as {@code serve} would, set up for a rehearsal. */
  @FunctionalInterface
  public interface Starter {
    Host start(Rehearsal rehearsal) throws Exception;
  }

  /**
   * How Shepherd is set up for a rehearsal: on this machine's loopback, its Slack the stand-in, its
   * database in the data folder, and the page's servlets (path spec → servlet) added.
   *
   * @param environment the caller's environment less what would reach a real Slack or database
   */
  public record Rehearsal(
      Map<String, String> environment,
      String host,
      int port,
      String databaseUrl,
      String slackApiUrl,
      String botToken,
      String signingSecret,
      Duration postInterval,
      Duration syncInterval,
      Map<String, HttpServlet> servlets) {
    public Rehearsal {
      environment = Map.copyOf(environment);
      servlets = Map.copyOf(servlets);
    }

    /** Never the bot token, the signing secret or the environment's values. */
    @Override
    public String toString() {
      return "Rehearsal[host=" + host + ", port=" + port + ", slackApiUrl=" + slackApiUrl + "]";
    }
  }

  /**
   * @param host the address the page and {@code /slack/events} listen on: this machine's loopback
   *     unless widened on purpose ({@code --host})
   * @param port where they listen; 0 for any free port
   * @param data the folder for the database and the channel; empty for a temporary one
   */
  public record Options(String host, int port, Optional<Path> data) {
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(data, "data");
    }

    /** On this machine's loopback. */
    public Options(int port, Optional<Path> data) {
      this(LOOPBACK, port, data);
    }
  }

  private final Channel channel;
  private final Path data;
  private final boolean temporary;
  private final Server standIn;
  private final String botToken;
  private final String pageToken;
  private final String listenHost;
  private final List<String> notices = new ArrayList<>();
  private volatile Host host;
  private volatile People people = People.initial();
  private volatile PageState.Banner banner;

  private Sandbox(
      Channel channel,
      Path data,
      boolean temporary,
      Server standIn,
      String botToken,
      String pageToken,
      String listenHost) {
    this.botToken = botToken;
    this.pageToken = pageToken;
    this.listenHost = listenHost;
    this.channel = channel;
    this.data = data;
    this.temporary = temporary;
    this.standIn = standIn;
  }

  /**
   * Starts the stand-in, then Shepherd through {@code starter}, with {@code baseEnv} less what
   * would reach a real Slack or database ({@code SLACK_*}, {@code SHEPHERD_DB_*}).
   */
  public static Sandbox start(Options options, Map<String, String> baseEnv, Starter starter)
      throws Exception {
    boolean temporary = options.data().isEmpty();
    Path data =
        temporary
            ? Files.createTempDirectory("shepherd-sandbox-")
            : Files.createDirectories(options.data().get()).toAbsolutePath().normalize();
    Clock clock = Clock.systemUTC();
    Channel channel =
        temporary ? Channel.inMemory(clock) : Channel.inFile(clock, data.resolve("channel.json"));
    String token = "xoxb-sandbox-" + random(12);
    String secret = random(16);
    String pageToken = random(16);
    InteractionHandleIssuer interactions = new InteractionHandleIssuer(clock);
    Server standIn = loopback(new WebApi(channel, interactions, token));
    Sandbox sandbox =
        new Sandbox(channel, data, temporary, standIn, token, pageToken, options.host());
    try {
      standIn.start();
      String standInUrl =
          "http://127.0.0.1:" + ((ServerConnector) standIn.getConnectors()[0]).getLocalPort();
      SignedRequestSender slack = new SignedRequestSender(secret, interactions, standInUrl, clock);
      PageState state = new PageState(channel, () -> sandbox.people, () -> sandbox.banner);
      Map<String, HttpServlet> servlets =
          Map.of(
              "/sandbox/api/*",
                  new PageApi(
                      channel,
                      () -> sandbox.people,
                      new PageActionHandler(channel, slack),
                      state,
                      new PageGuard(pageToken, options.host())),
              "/", new PageFiles());
      Host started =
          starter.start(
              new Rehearsal(
                  environment(baseEnv, data),
                  options.host(),
                  options.port(),
                  "jdbc:h2:file:" + data.resolve("shepherd"),
                  standInUrl + "/api/",
                  token,
                  secret,
                  Duration.ofMillis(200),
                  Duration.ofSeconds(2),
                  servlets));
      sandbox.host = started;
      slack.target(
          URI.create(
              "http://" + reachable(options.host()) + ":" + started.port() + "/slack/events"));
      sandbox.people = People.of(started.config(), started.catalog());
      sandbox.banner =
          new PageState.Banner(
              started.config().displayPath(), started.runbooksSource(), data.toString(), temporary);
      sandbox.notices.addAll(notices(options.host(), baseEnv, started.config()));
      // The page's token stays out of the log: the command prints the link once.
      log.info(
          "sandbox: the page is at {}, Slack's Web API is played at {}",
          sandbox.address(),
          standInUrl);
      return sandbox;
    } catch (Exception | Error e) {
      sandbox.close();
      throw e;
    }
  }

  /**
   * The environment Shepherd reads the rest of its settings from: nothing that reaches a real Slack
   * workspace, database or git remote (no git token: a proposal is a diff, never a pushed branch).
   */
  static Map<String, String> environment(Map<String, String> baseEnv, Path data) {
    Map<String, String> env = new HashMap<>(baseEnv);
    env.keySet().removeIf(name -> name.startsWith("SLACK_"));
    env.keySet()
        .removeAll(
            List.of(
                "SHEPHERD_DB_URL",
                "SHEPHERD_DB_USER",
                "SHEPHERD_DB_PASSWORD",
                "SHEPHERD_HOST",
                "SHEPHERD_GIT_TOKEN",
                "SHEPHERD_MANAGEMENT_PORT"));
    env.put("SHEPHERD_DATA_DIR", data.toString());
    return env;
  }

  /** What a person starting this rehearsal should know: what it left out, and how wide it is. */
  private static List<String> notices(String host, Map<String, String> baseEnv, Config config) {
    List<String> notices = new ArrayList<>();
    if (!isLoopback(host)) {
      notices.add(
          "Warning: --host "
              + host
              + " lets other machines reach this sandbox; anyone with the link can act as any of"
              + " its people. Leave --host out to keep it on this machine.");
    }
    if (baseEnv.containsKey("SHEPHERD_GIT_TOKEN")) {
      notices.add(
          "SHEPHERD_GIT_TOKEN is not given to a rehearsal: runbooks from a private repository"
              + " need a local clone (--runbooks DIR).");
    }
    if (config.propose() == Config.Propose.BRANCH) {
      notices.add(
          "runbooks.propose: branch is ignored in a rehearsal: Propose runbook changes shows the"
              + " diff and pushes no branch.");
    }
    return List.copyOf(notices);
  }

  /** Whether {@code host} is this machine's loopback. */
  static boolean isLoopback(String host) {
    return host.equals(LOOPBACK)
        || host.equals("localhost")
        || host.equals("::1")
        || host.equals("[::1]");
  }

  /** How this machine reaches what listens on {@code host}. */
  private static String reachable(String host) {
    if (isLoopback(host) || isWildcard(host)) {
      return LOOPBACK;
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Whether {@code host} is every address of this machine. */
  static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  /**
   * The page, with this run's token in its fragment (never sent in a request line, so never in a
   * log): {@code http://localhost:PORT/#token=…}.
   */
  public String url() {
    return address() + "#token=" + pageToken;
  }

  /** The page without its token. */
  private String address() {
    String name =
        isLoopback(listenHost) || isWildcard(listenHost)
            ? "localhost"
            : listenHost.contains(":") && !listenHost.startsWith("[")
                ? "[" + listenHost + "]"
                : listenHost;
    return "http://" + name + ":" + host.port() + "/";
  }

  /**
   * Lines to print under the link: a widened {@code --host}, and what a rehearsal leaves out of the
   * config and environment it was given.
   */
  public List<String> notices() {
    return List.copyOf(notices);
  }

  public int port() {
    return host.port();
  }

  /** Where the database (and, for a given folder, the channel) is kept. */
  public Path data() {
    return data;
  }

  public boolean temporary() {
    return temporary;
  }

  /** The fake bot token made for this run. */
  String botToken() {
    return botToken;
  }

  /** The stand-in's Web API base, as Shepherd has it in {@code SLACK_API_URL}. */
  String webApiUrl() {
    return "http://127.0.0.1:"
        + ((ServerConnector) standIn.getConnectors()[0]).getLocalPort()
        + "/api/";
  }

  public void join() throws InterruptedException {
    host.join();
  }

  @Override
  public void close() {
    channel.close();
    if (host != null) {
      host.close();
    }
    try {
      standIn.stop();
    } catch (Exception e) {
      log.warn("sandbox: stopping the Slack stand-in: {}", e.toString());
    }
    if (temporary) {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        log.warn("sandbox: could not delete {}: {}", data, e.toString());
      }
    }
  }

  private static Server loopback(HttpServlet api) {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("sandbox-slack");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("slack-web-api", api), "/*");
    server.setHandler(context);
    server.setStopAtShutdown(false);
    return server;
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    new SecureRandom().nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }
}
