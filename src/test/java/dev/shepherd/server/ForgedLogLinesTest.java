package dev.shepherd.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What someone types after {@code /rollout} cannot write a line of its own into Shepherd's log. */
class ForgedLogLinesTest {
  private static final String FORGED = "2026-12-06T20:00:00.000Z INFO  d.s.a.ShepherdApp - forged";

  @TempDir Path folder;
  ServedShepherd served;
  private final Logger shepherdLog = (Logger) LoggerFactory.getLogger("dev.shepherd");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    logged.setContext(shepherdLog.getLoggerContext());
    logged.start();
    shepherdLog.addAppender(logged);
    served = new ServedShepherd(folder);
  }

  @AfterEach
  void stop() {
    served.close();
    shepherdLog.detachAppender(logged);
  }

  private List<String> messages() {
    synchronized (logged) {
      return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void newlinesAndSeparatorsInCommandWordsAreEscapedInTheLog() throws Exception {
    HttpResponse<String> response =
        served.requests.command(
            ServedShepherd.OPERATOR,
            ServedShepherd.CHANNEL,
            "\"dev\r\u2028x\u0085y\" \"oam-secrets\n" + FORGED + "\"");

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> lines = messages().stream().filter(m -> m.startsWith("/rollout ")).toList();
    assertThat(lines)
        .containsExactly(
            "/rollout dev\\r\\u2028x\\u0085y oam-secrets\\n" + FORGED + " by U0OPERATOR: Refused");
    assertThat(messages()).noneMatch(m -> m.contains("\n" + FORGED));
  }
}
