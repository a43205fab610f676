package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The page's JSON endpoints under {@code /sandbox/api/}: {@code GET state} (long-polled: it answers
 * when the channel changes, or after 20 seconds), and {@code POST message}, {@code click}, {@code
 * submit}, {@code close}, each acting as one of the sandbox's people. Every request must pass the
 * {@link PageGuard} (this machine's name, this run's token: else 403); a POST must be {@code
 * application/json}, which a page of another origin cannot send without asking, and at most {@link
 * #MAX_BODY} bytes (else 413).
 */
final class PageApi extends HttpServlet {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LONG_POLL_MILLIS = 20_000;

  /** The most a request may send: a message Slack would take is 40,000 characters. */
  static final int MAX_BODY = 256 * 1024;

  private final Channel channel;
  private final Supplier<People> people;
  private final PageActionHandler actions;
  private final PageState state;
  private final PageGuard guard;

  PageApi(
      Channel channel,
      Supplier<People> people,
      PageActionHandler actions,
      PageState state,
      PageGuard guard) {
    this.guard = guard;
    this.channel = channel;
    this.people = people;
    this.actions = actions;
    this.state = state;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Optional<String> refusal = guard.refusal(request);
    if (refusal.isPresent()) {
      answer(response, 403, error(refusal.get()));
      return;
    }
    super.service(request, response);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"/state".equals(request.getPathInfo())) {
      answer(response, 404, error("no such endpoint"));
      return;
    }
    Optional<People.Person> user = people.get().find(String.valueOf(request.getParameter("user")));
    if (user.isEmpty()) {
      answer(response, 400, error("unknown user " + request.getParameter("user")));
      return;
    }
    long since = parse(request.getParameter("since"));
    try {
      channel.awaitChange(since, since > 0 ? LONG_POLL_MILLIS : 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    answer(response, 200, state.of(user.get().id()));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String type = request.getContentType();
    if (type == null || !type.startsWith("application/json")) {
      answer(response, 415, error("send application/json"));
      return;
    }
    byte[] bytes =
        request.getContentLengthLong() > MAX_BODY
            ? new byte[MAX_BODY + 1]
            : request.getInputStream().readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      answer(response, 413, error("the request is too large (over " + MAX_BODY + " bytes)"));
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (IOException e) {
      answer(response, 400, error("the body is not JSON"));
      return;
    }
    Optional<People.Person> user =
        people.get().find(body == null ? "" : body.path("user").asText());
    if (user.isEmpty()) {
      answer(response, 400, error("unknown user"));
      return;
    }
    PageActionHandler.Result result;
    try {
      result =
          switch (String.valueOf(request.getPathInfo())) {
            case "/message" -> actions.message(user.get(), body.path("text").asText());
            case "/click" ->
                actions.click(
                    user.get(),
                    body.path("ts").asText(),
                    body.path("blockId").asText(),
                    body.path("actionId").asText(),
                    body.path("selected"));
            case "/submit" ->
                actions.submit(user.get(), body.path("viewId").asText(), body.path("values"));
            case "/close" -> actions.close(user.get(), body.path("viewId").asText());
            default -> new PageActionHandler.Result(404, "no such endpoint");
          };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new PageActionHandler.Result(503, "interrupted");
    }
    answer(
        response,
        result.status(),
        result.status() == 200 ? JSON.createObjectNode().put("ok", true) : error(result.error()));
  }

  private static long parse(String number) {
    try {
      return number == null ? 0 : Long.parseLong(number);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("ok", false).put("error", message);
  }

  private static void answer(HttpServletResponse response, int status, JsonNode body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    JSON.writeValue(response.getOutputStream(), body);
  }
}
