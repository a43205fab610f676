package dev.shepherd.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.shepherd.testing.SignedRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The limits of the HTTP edge, on the server alone with a Bolt app that acks {@code /rollout}:
 * large, slow and too many bodies are refused with a status that says why, never a 500.
 */
@Timeout(60)
class EdgeLimitsTest {
  private static final String SECRET = "edge-limits-secret";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private HttpServer server;

  private HttpServer start(HttpLimits limits) throws Exception {
    App app =
        new App(
            AppConfig.builder().singleTeamBotToken("xoxb-test").signingSecret(SECRET).build(),
            Slack.getInstance(),
            List.of());
    app.command("/rollout", (request, context) -> context.ack("pong"));
    server = new HttpServer("127.0.0.1", 0, app, SECRET, List.of(), limits).start();
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private SignedRequests requests() {
    return new SignedRequests("http://127.0.0.1:" + server.port() + "/slack/events", SECRET);
  }

  private static String command() {
    return SignedRequests.commandBody("U0OPERATOR", "C0DEPLOYS", "help", "t1");
  }

  @Test
  void aSignedCommandIsServed() throws Exception {
    start(HttpLimits.DEFAULT);

    HttpResponse<String> response = requests().post(command(), SignedRequests.now());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("pong");
  }

  @Test
  void bodyAnnouncedOverOneMegabyteIsRefused413WithoutBeingRead() throws Exception {
    start(HttpLimits.DEFAULT);
    // Only the headers are sent: the answer comes although not a byte of the body arrived. (A
    // client still writing the body when the server answers and closes may lose the answer to
    // the connection's reset, which is why the body is not sent at all.)
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\n"
                  + "Content-Length: "
                  + (1024 * 1024 + 6)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      InputStream in = socket.getInputStream();
      assertThat(statusLine(in)).isEqualTo("HTTP/1.1 413 Payload Too Large");
      assertThat(readUntil(in, "request body too large (over 1048576 bytes)"))
          .contains("request body too large (over 1048576 bytes)");
    }
  }

  @Test
  void chunkedBodyGrowingOverOneMegabyteIsRefused413() throws Exception {
    start(HttpLimits.DEFAULT);
    byte[] body = ("text=" + "a".repeat(1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    String now = SignedRequests.now();

    // No Content-Length: the body arrives chunked, and only its size read so far tells.
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .timeout(WAIT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", now)
                .header("X-Slack-Signature", "v0=00")
                .POST(unknownLength(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("request body too large (over 1048576 bytes)");
  }

  @Test
  void headersOverEightKilobytesAreRefused431() throws Exception {
    start(HttpLimits.DEFAULT);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .timeout(WAIT)
                .header("X-Padding", "p".repeat(9 * 1024))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(431);
  }

  @Test
  void bodyTrickledBelowTheMinimumRateIsCutOff408() throws Exception {
    start(
        new HttpLimits(
            8192,
            1 << 20,
            Duration.ofSeconds(10),
            1024,
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            16));
    try (SlowClients slow =
        new SlowClients(server.port(), "/slack/events", 1, 10_000, Duration.ofMillis(100))) {
      assertThat(slow.statusLine(0)).isEqualTo("HTTP/1.1 408 Request Timeout");
    }
  }

  @Test
  void bodyThatStopsIsCutOffAtTheIdleTimeout408() throws Exception {
    start(
        new HttpLimits(
            8192,
            1 << 20,
            Duration.ofMillis(500),
            1,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            16));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nab")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      assertThat(statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 408 Request Timeout");
    }
  }

  @Test
  void bodyStillArrivingAtTheDeadlineIsCutOff408() throws Exception {
    start(
        new HttpLimits(
            8192,
            1 << 20,
            Duration.ofSeconds(10),
            1,
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            16));
    try (SlowClients slow =
        new SlowClients(server.port(), "/slack/events", 1, 10_000, Duration.ofMillis(100))) {
      assertThat(slow.statusLine(0)).isEqualTo("HTTP/1.1 408 Request Timeout");
    }
  }

  @Test
  void oneMoreBodyThanMayBeReadAtOnceIsRefused503UntilOneEnds() throws Exception {
    start(
        new HttpLimits(
            8192,
            1 << 20,
            Duration.ofSeconds(30),
            1,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            2));
    SignedRequests requests = requests();
    HttpResponse<String> refused;
    try (SlowClients slow =
        new SlowClients(server.port(), "/slack/events", 2, 10_000, Duration.ofMillis(200))) {
      refused = until(requests, 503);

      assertThat(refused.body()).isEqualTo("too many requests at once; retry shortly");
    }
    HttpResponse<String> served = until(requests, 200);
    assertThat(served.body()).contains("pong");
  }

  /** Sends a signed command until it is answered with {@code status}. */
  private static HttpResponse<String> until(SignedRequests requests, int status) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> last;
    do {
      last = requests.post(command(), SignedRequests.now());
      if (last.statusCode() == status) {
        return last;
      }
      Thread.onSpinWait();
    } while (System.nanoTime() < deadline);
    throw new AssertionError("never answered " + status + "; last " + last.statusCode());
  }

  /** What arrives until {@code expected} has, or the connection ends. */
  private static String readUntil(InputStream in, String expected) throws IOException {
    StringBuilder read = new StringBuilder();
    for (int c = in.read(); c != -1; c = in.read()) {
      read.append((char) c);
      if (read.indexOf(expected) >= 0) {
        break;
      }
    }
    return read.toString();
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  /** A body publisher that does not say its length, so the client sends it chunked. */
  private static HttpRequest.BodyPublisher unknownLength(byte[] body) {
    HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofByteArray(body);
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        known.subscribe(subscriber);
      }
    };
  }
}
