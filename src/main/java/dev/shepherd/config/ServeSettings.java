package dev.shepherd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code serve} reads from the environment besides {@code shepherd.yaml}: where to listen, the
 * database, and Slack. Holds secrets; {@link #toString()} never shows them.
 *
 * <p>Variables: {@code PORT}, {@code SHEPHERD_HOST}, {@code SHEPHERD_DB_URL}, {@code
 * SHEPHERD_DB_USER}, {@code SHEPHERD_DB_PASSWORD}, {@code SLACK_BOT_TOKEN}, {@code
 * SLACK_SIGNING_SECRET}, {@code SLACK_APP_TOKEN}, {@code SLACK_API_URL}, {@code
 * SHEPHERD_SLACK_POST_INTERVAL_MS}, {@code SHEPHERD_SLACK_UPDATES_PER_MINUTE}, {@code
 * SHEPHERD_SYNC_SECONDS}, {@code SHEPHERD_RELOAD_SECONDS}, {@code SHEPHERD_CLUSTER_CHECKIN_MS},
 * {@code SHEPHERD_MANAGEMENT_PORT}, {@code SHEPHERD_DB_OWNER_USER}, {@code
 * SHEPHERD_DB_OWNER_PASSWORD}, and {@code SHEPHERD_LOG_FORMAT}, which logback.xml reads and this
 * only checks.
 *
 * @param slackUpdatesPerMinute the {@code chat.update} calls every replica together makes a minute
 *     at most (Slack counts that tier per workspace)
 * @param managementPort where {@code /metrics} and {@code /readyz} are served instead of {@code
 *     port}, when set (0 for any free one)
 * @param dbOwnerUser the PostgreSQL role that owns the tables and runs the migrations ({@code
 *     SHEPHERD_DB_OWNER_USER}), when it is not the one Shepherd runs as
 * @param dbOwnerPassword its password ({@code SHEPHERD_DB_OWNER_PASSWORD})
 */
public record ServeSettings(
    String host,
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String slackBotToken,
    String slackSigningSecret,
    Optional<String> slackAppToken,
    String slackApiUrl,
    Duration postInterval,
    Duration syncInterval,
    Duration reloadInterval,
    Duration clusterCheckin,
    Optional<Integer> managementPort,
    Optional<String> dbOwnerUser,
    String dbOwnerPassword,
    int slackUpdatesPerMinute,
    Optional<String> slackTeamId,
    Optional<String> slackAppId) {
  private static final Pattern TEAM_ID = Pattern.compile("[TE][A-Z0-9]{2,}");
  private static final Pattern APP_ID = Pattern.compile("A[A-Z0-9]{2,}");
  private static final List<String> LOG_FORMATS = List.of("text", "json");

  /** Reads every setting from the environment: what {@code serve} does. */
  public static ServeSettings from(Map<String, String> env, Path dataDir) {
    return builder().environment(env).build(dataDir);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings from the environment, each of which a typed setter may replace (the sandbox and the
   * tests set theirs so; {@code serve} reads the environment alone). Validated in {@link #build}.
   */
  public static final class Builder {
    private Map<String, String> env = Map.of();
    private String host;
    private Integer port;
    private String dbUrl;
    private String dbUser;
    private String dbPassword;
    private String botToken;
    private String signingSecret;
    private String apiUrl;
    private Duration postInterval;
    private Duration syncInterval;

    private Builder() {}

    /** The variables read for every setting no typed setter gives. */
    public Builder environment(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port to listen on; 0 for any free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder database(String url, String user, String password) {
      this.dbUrl = Objects.requireNonNull(url, "url");
      this.dbUser = Objects.requireNonNull(user, "user");
      this.dbPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Slack's Web API at {@code apiUrl}, with this bot token, checking this signing secret. */
    public Builder slack(String apiUrl, String botToken, String signingSecret) {
      this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
      this.botToken = Objects.requireNonNull(botToken, "botToken");
      this.signingSecret = Objects.requireNonNull(signingSecret, "signingSecret");
      return this;
    }

    /** How long posts to one channel wait for each other (Slack's pace is about a second). */
    public Builder postInterval(Duration interval) {
      this.postInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** How often every active rollout's thread is checked against the database. */
    public Builder syncInterval(Duration interval) {
      this.syncInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** The settings, or a {@link ConfigException} naming the variable to fix. */
    public ServeSettings build(Path dataDir) {
      Optional<String> appToken = value(env, "SLACK_APP_TOKEN");
      String bot =
          Optional.ofNullable(botToken)
              .filter(given -> !given.isBlank())
              .or(() -> value(env, "SLACK_BOT_TOKEN"))
              .orElseThrow(
                  () ->
                      missing(
                          "SLACK_BOT_TOKEN",
                          "the bot token (xoxb-…) from your Slack app's OAuth page"));
      String secret =
          Optional.ofNullable(signingSecret)
              .filter(given -> !given.isBlank())
              .or(() -> value(env, "SLACK_SIGNING_SECRET"))
              .orElseGet(
                  () -> {
                    if (appToken.isPresent()) {
                      return "";
                    }
                    throw missing(
                        "SLACK_SIGNING_SECRET",
                        "the signing secret from your Slack app's Basic"
                            + " Information page (or set SLACK_APP_TOKEN for Socket Mode)");
                  });
      checkLogFormat(env);
      String defaultDb = "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("shepherd");
      int listen = port != null ? checkedPort(port) : number(env, "PORT", 3000, 0, 65535);
      Optional<Integer> management =
          value(env, "SHEPHERD_MANAGEMENT_PORT")
              .map(text -> number(env, "SHEPHERD_MANAGEMENT_PORT", 0, 0, 65535));
      if (management.isPresent() && management.get() != 0 && management.get() == listen) {
        throw new ConfigException(
            "SHEPHERD_MANAGEMENT_PORT must differ from PORT ("
                + listen
                + "): it keeps /metrics and /readyz off the public port");
      }
      return new ServeSettings(
          Optional.ofNullable(host).or(() -> value(env, "SHEPHERD_HOST")).orElse("0.0.0.0"),
          listen,
          Optional.ofNullable(dbUrl).or(() -> value(env, "SHEPHERD_DB_URL")).orElse(defaultDb),
          Optional.ofNullable(dbUser).or(() -> value(env, "SHEPHERD_DB_USER")).orElse(""),
          Optional.ofNullable(dbPassword).or(() -> value(env, "SHEPHERD_DB_PASSWORD")).orElse(""),
          bot,
          secret,
          appToken,
          Optional.ofNullable(apiUrl)
              .or(() -> value(env, "SLACK_API_URL"))
              .orElse("https://slack.com/api/"),
          postInterval != null
              ? postInterval
              : Duration.ofMillis(number(env, "SHEPHERD_SLACK_POST_INTERVAL_MS", 1000, 0, 60_000)),
          syncInterval != null
              ? syncInterval
              : Duration.ofSeconds(number(env, "SHEPHERD_SYNC_SECONDS", 30, 1, 3600)),
          Duration.ofSeconds(number(env, "SHEPHERD_RELOAD_SECONDS", 60, 1, 86_400)),
          Duration.ofMillis(number(env, "SHEPHERD_CLUSTER_CHECKIN_MS", 7500, 500, 600_000)),
          management,
          value(env, "SHEPHERD_DB_OWNER_USER"),
          value(env, "SHEPHERD_DB_OWNER_PASSWORD").orElse(""),
          number(env, "SHEPHERD_SLACK_UPDATES_PER_MINUTE", 48, 1, 6000),
          slackId(env, "SHEPHERD_SLACK_TEAM_ID", TEAM_ID, "a workspace id such as T0123ABCD"),
          slackId(env, "SHEPHERD_SLACK_APP_ID", APP_ID, "an app id such as A0123ABCD"));
    }
  }

  /**
   * logback.xml switches to JSON on exactly {@code json}; anything else would quietly log text, so
   * a value it does not know stops {@code serve} instead.
   */
  private static void checkLogFormat(Map<String, String> env) {
    Optional<String> format =
        Optional.ofNullable(env.get("SHEPHERD_LOG_FORMAT")).filter(v -> !v.isEmpty());
    if (format.isPresent() && !LOG_FORMATS.contains(format.get())) {
      throw new ConfigException(
          "SHEPHERD_LOG_FORMAT must be text or json, not \"" + format.get() + "\"");
    }
  }

  /** A port given as an option is held to the same range as {@code PORT}, with the same words. */
  private static int checkedPort(int port) {
    if (port < 0 || port > 65535) {
      throw new ConfigException(
          "PORT must be a whole number from 0 to 65535, not \"" + port + "\"");
    }
    return port;
  }

  /** A Slack id from the environment, checked for its shape so a typo stops start-up. */
  private static Optional<String> slackId(
      Map<String, String> env, String name, Pattern shape, String example) {
    Optional<String> id = value(env, name);
    if (id.isPresent() && !shape.matcher(id.get()).matches()) {
      throw new ConfigException(
          name
              + " must be "
              + example
              + " (Slack shows it in the app's settings), not \""
              + id.get()
              + "\"");
    }
    return id;
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    Optional<String> text = value(env, name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(text.get());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        name
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", not \""
            + text.get()
            + "\"");
  }

  private static ConfigException missing(String name, String what) {
    return new ConfigException(
        name
            + " is not set: set it to "
            + what
            + ", or try Shepherd without Slack: java -jar target/shepherd.jar sandbox");
  }

  @Override
  public String toString() {
    return "ServeSettings[host="
        + host
        + ", port="
        + port
        + managementPort.map(p -> ", managementPort=" + p).orElse("")
        + ", db="
        + dbUrl.replaceAll("(?i)password=[^&;]*", "password=***")
        + ", slackApiUrl="
        + slackApiUrl
        + ", socketMode="
        + slackAppToken.isPresent()
        + "]";
  }
}
