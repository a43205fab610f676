package dev.shepherd.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.format.LogLines;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: checks Slack's signature and timestamp ({@link RequestSignature}:
 * constant-time, five minutes either way), then that the body is something Bolt can read, and hands
 * it to Bolt's servlet. This is the one check of the signature over HTTP: Bolt's own reads the body
 * line by line and loses a trailing newline, so it refused genuine requests. A forged or stale
 * request gets 401, a malformed one 400, never a 500 or a stack trace; a signed one of a kind Bolt
 * does not read gets 200.
 */
final class SlackEventsServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);
  private static final int MAX_BODY = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServlet bolt;

  /** Empty in Socket Mode without a signing secret: then no HTTP request can be verified. */
  private final Optional<RequestSignature> signature;

  SlackEventsServlet(HttpServlet bolt, String signingSecret, Clock clock) {
    this.bolt = bolt;
    this.signature =
        signingSecret == null || signingSecret.isEmpty()
            ? Optional.empty()
            : Optional.of(new RequestSignature(signingSecret, clock));
  }

  @Override
  public void init() throws ServletException {
    bolt.init(getServletConfig());
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      reject(response, 413, "request body too large");
      return;
    }
    if (signature.isEmpty()) {
      reject(response, 401, "HTTP requests need SLACK_SIGNING_SECRET (Socket Mode needs none)");
      return;
    }
    if (!signature
        .get()
        .isValid(
            request.getHeader("X-Slack-Request-Timestamp"),
            body,
            request.getHeader("X-Slack-Signature"))) {
      log.warn(
          "refused a request to /slack/events from {}: bad or stale signature",
          request.getRemoteAddr());
      reject(response, 401, "invalid signature");
      return;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    Optional<String> problem = malformed(request.getContentType(), text);
    if (problem.isPresent()) {
      log.warn("refused a signed request to /slack/events: {}", problem.get());
      reject(response, 400, problem.get());
      return;
    }
    if (!Deliveries.boltReads(request.getContentType(), text)) {
      // A kind Slack sends that Bolt does not parse (app_rate_limited, a new payload type):
      // Bolt would answer 400 with a WARN, and Slack counts that as a failed delivery.
      log.debug("acked a signed request of a kind Bolt does not read");
      response.setStatus(200);
      return;
    }
    try {
      bolt.service(new CachedBody(request, body), response);
    } catch (RuntimeException e) {
      // Bolt reads a payload's fields before any listener runs: one Slack left out (a signed
      // payload with no user, a view without state) fails there. Slack still gets its 200.
      log.warn("acked a signed request Bolt could not read: {}", LogLines.escaped(e.toString()));
      if (!response.isCommitted()) {
        response.reset();
        response.setStatus(200);
      }
    }
  }

  /** What Bolt would choke on (it answers 500 to a payload it cannot parse). */
  static Optional<String> malformed(String contentType, String body) {
    if (contentType != null && contentType.startsWith("application/json")) {
      return json(body, "body");
    }
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (name.equals("payload")) {
        String value;
        try {
          value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return Optional.of("payload is not URL-encoded");
        }
        try {
          var tree = JSON.readTree(value);
          if (!tree.isObject()) {
            return Optional.of("payload is not a JSON object");
          }
        } catch (JsonProcessingException e) {
          return Optional.of("payload is not JSON");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> json(String text, String what) {
    try {
      JSON.readTree(text);
      return Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.of(what + " is not JSON");
    }
  }

  private static void reject(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().write(message);
  }

  /** The request with its body readable again, for Bolt. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("Bolt reads synchronously");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
