package dev.shepherd.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.config.ConfigException;
import dev.shepherd.config.ServeSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The shipped logback.xml, configured into a fresh logger context as Shepherd's would be at start
 * with {@code SHEPHERD_LOG_FORMAT} set (a context property stands in for the environment variable:
 * logback looks both up the same way), and what it writes to stderr.
 */
class LogFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Configures logback.xml with the format given (null: unset), logs two lines, returns stderr. */
  private static String logWith(String format) throws Exception {
    URL config = LogFormatTest.class.getResource("/logback.xml");
    assertThat(config).as("src/main/resources/logback.xml on the classpath").isNotNull();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's SLF4J provider gives it
    if (format != null) {
      context.putProperty("SHEPHERD_LOG_FORMAT", format);
    }
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(config);
      assertThat(problems(context))
          .as("logback's warnings: it prints its status on stdout then")
          .isEmpty();
      Logger log = context.getLogger("dev.shepherd.app.ShepherdApp");
      log.info("Shepherd is up on port {} with {} runbooks", 3000, 4);
      log.debug("not logged: dev.shepherd logs from INFO up");
      context.getLogger("org.eclipse.jetty.server.Server").info("not logged: others from WARN up");
      log.warn("runbooks could not be reloaded: \"quoted\"\nsecond line");
      assertThat(problems(context)).as("logback's errors while logging").isEmpty();
    } finally {
      context.stop();
      System.setErr(stderr);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static List<String> problems(LoggerContext context) {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(status -> status.getLevel() >= Status.WARN)
        .map(Status::toString)
        .toList();
  }

  @Test
  void jsonFormatWritesOneJsonObjectPerLine() throws Exception {
    List<String> lines = logWith("json").lines().toList();

    assertThat(lines).hasSize(2);
    JsonNode up = JSON.readTree(lines.get(0));
    assertThat(up.get("level").asText()).isEqualTo("INFO");
    assertThat(up.get("loggerName").asText()).isEqualTo("dev.shepherd.app.ShepherdApp");
    assertThat(up.get("formattedMessage").asText())
        .isEqualTo("Shepherd is up on port 3000 with 4 runbooks");
    assertThat(up.get("timestamp").asLong()).isPositive();
    assertThat(up.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
    JsonNode warning = JSON.readTree(lines.get(1));
    assertThat(warning.get("level").asText()).isEqualTo("WARN");
    assertThat(warning.get("formattedMessage").asText())
        .isEqualTo("runbooks could not be reloaded: \"quoted\"\nsecond line");
  }

  @Test
  void textIsTheDefault() throws Exception {
    List<String> outputs = new ArrayList<>(List.of(logWith("text")));
    if (System.getenv("SHEPHERD_LOG_FORMAT") == null) { // else logback would see the real one
      outputs.add(logWith(null));
    }

    for (String output : outputs) {
      assertThat(output.lines().toList()).hasSize(3);
      assertThat(output.lines().findFirst().orElseThrow())
          .matches(
              "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* INFO  dev\\.shepherd\\.app\\.ShepherdApp"
                  + " - Shepherd is up on port 3000 with 4 runbooks");
    }
  }

  @Test
  void serveRefusesAFormatLogbackWouldIgnore() {
    Map<String, String> env =
        new HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-test", "SLACK_SIGNING_SECRET", "secret"));
    env.put("SHEPHERD_LOG_FORMAT", "JSON");

    assertThatThrownBy(() -> ServeSettings.from(env, Path.of("data")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SHEPHERD_LOG_FORMAT must be text or json, not \"JSON\"");
    env.put("SHEPHERD_LOG_FORMAT", "json");
    assertThat(ServeSettings.from(env, Path.of("data")).port()).isEqualTo(3000);
  }
}
