package dev.shepherd.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Slack's Web API played on loopback: a real HTTP server answering {@code auth.test}, {@code
 * chat.postMessage}, {@code chat.update}, {@code chat.postEphemeral}, {@code views.open},
 * {@code usergroups.list}, {@code usergroups.users.list} and response URLs, recording every call. It can answer 429 with Retry-After, 500, or slowly.
 */
public final class FakeSlack implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded call: the method, its form or JSON parameters, and its auth header. */
  public record Call(String method, Map<String, String> params, String authorization, long atNanos,
      String ts) {
    public String param(String name) {
      return params.getOrDefault(name, "");
    }

    public JsonNode blocks() {
      try {
        return JSON.readTree(params.getOrDefault("blocks", "[]"));
      } catch (IOException e) {
        throw new IllegalStateException("blocks are not JSON: " + params.get("blocks"), e);
      }
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new ArrayList<>();
  private final AtomicLong ts = new AtomicLong(1_764_000_000_000_100L);
  private final Map<String, List<int[]>> failures = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;
  private volatile Duration delayMax = Duration.ZERO;
  private volatile RateLimit rateLimit;
  private final Map<String, double[]> buckets = new ConcurrentHashMap<>();
  private final AtomicLong rateLimited = new AtomicLong();
  private final Map<String, UserGroup> userGroups = new ConcurrentHashMap<>();
  private volatile boolean userGroupsScope = true;

  /** A Slack user group: {@code S…} id, handle without the {@code @}, members. */
  public record UserGroup(String id, String handle, List<String> users) {}

  public FakeSlack() throws IOException {
    this(8);
  }

  /** A fake Slack answering up to {@code threads} calls at once (a slow one needs more). */
  public FakeSlack(int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(threads));
    server.start();
  }

  /** The Web API base URL to give Shepherd as SLACK_API_URL. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  public String responseUrl(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + id;
  }

  /** The next {@code times} calls of a method answer HTTP {@code status} (429 with Retry-After). */
  public void failNext(String method, int times, int status, int retryAfterSeconds) {
    List<int[]> queue = failures.computeIfAbsent(method, m -> new ArrayList<>());
    synchronized (queue) {
      for (int i = 0; i < times; i++) {
        queue.add(new int[] {status, retryAfterSeconds});
      }
    }
  }

  /** Every answer waits this long first (a slow Slack). */
  public void delay(Duration delay) {
    delay(delay, delay);
  }

  /** Every answer waits a time drawn evenly from {@code min} to {@code max} (Slack as it is). */
  public void delay(Duration min, Duration max) {
    this.delayMax = max;
    this.delay = min;
  }

  /**
   * {@code chat.postMessage} is limited per channel as Slack limits it: a token bucket refilled
   * at {@code perSecond} that holds {@code burst}; a post over it is answered 429 with
   * Retry-After (whole seconds, as Slack sends it) and not recorded as a message.
   */
  public void rateLimit(double perSecond, int burst) {
    this.rateLimit = new RateLimit(perSecond, burst);
  }

  private record RateLimit(double perSecond, int burst) {}

  private volatile RateLimit updateLimit;
  private final double[] updateBucket = new double[2];
  private final AtomicLong updatesLimited = new AtomicLong();

  /**
   * {@code chat.update} is limited per workspace, as Slack's tier 3 (about 50 a minute): one
   * token bucket for every channel; an update over it is answered 429 with Retry-After.
   */
  public void updateRateLimit(double perMinute, int burst) {
    synchronized (updateBucket) {
      updateBucket[0] = burst;
      updateBucket[1] = System.nanoTime();
    }
    this.updateLimit = new RateLimit(perMinute / 60, burst);
  }

  /** How many updates the workspace limit refused with 429. */
  public long updatesLimited() {
    return updatesLimited.get();
  }

  private int[] overUpdateRate() {
    RateLimit limit = updateLimit;
    if (limit == null) {
      return null;
    }
    synchronized (updateBucket) {
      long now = System.nanoTime();
      updateBucket[0] = Math.min(limit.burst(), updateBucket[0] + (now - updateBucket[1]) / 1e9 * limit.perSecond());
      updateBucket[1] = now;
      if (updateBucket[0] >= 1) {
        updateBucket[0] -= 1;
        return null;
      }
      updatesLimited.incrementAndGet();
      return new int[] {429, Math.max(1, (int) Math.ceil((1 - updateBucket[0]) / limit.perSecond()))};
    }
  }

  /** Creates a user group or replaces its members (someone joined or left). */
  public void userGroup(String id, String handle, List<String> users) {
    userGroups.put(id, new UserGroup(id, handle, List.copyOf(users)));
  }

  /**
   * Whether the app was granted {@code usergroups:read}: without it both usergroups methods
   * answer {@code missing_scope}, as Slack does.
   */
  public void userGroupsScope(boolean granted) {
    this.userGroupsScope = granted;
  }

  /** How many posts the rate limit refused with 429. */
  public long rateLimited() {
    return rateLimited.get();
  }

  /** Forgets the recorded calls (a long benchmark would otherwise keep every one). */
  public synchronized void forget() {
    calls.clear();
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls().stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Waits until some recorded calls satisfy the condition, or fails after the timeout. */
  public List<Call> await(String what, Predicate<List<Call>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Call> now = calls();
      if (condition.test(now)) {
        return now;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what + "; calls so far:\n" + describe());
  }

  /** The messages as a reader sees them now: each post, as its latest update left it. */
  public List<Message> messages() {
    Map<String, Message> byTs = new LinkedHashMap<>();
    for (Call call : calls()) {
      if (call.method().equals("chat.postMessage") && !call.ts().startsWith("failed")) {
        byTs.put(call.ts(), new Message(call.ts(), call.param("channel"), call.param("thread_ts"),
            call.param("text"), call.blocks()));
      } else if (call.method().equals("chat.update") && byTs.containsKey(call.param("ts"))
          && !call.ts().startsWith("failed")) {
        Message old = byTs.get(call.param("ts"));
        byTs.put(old.ts(), new Message(old.ts(), old.channel(), old.threadTs(), call.param("text"),
            call.blocks()));
      }
    }
    return List.copyOf(byTs.values());
  }

  /** A message as it stands. */
  public record Message(String ts, String channel, String threadTs, String text, JsonNode blocks) {
    public boolean isTopLevel() {
      return threadTs == null || threadTs.isEmpty();
    }

    /** The value of the button with this action id, if the message shows one. */
    public java.util.Optional<String> button(String actionId) {
      for (JsonNode block : blocks) {
        for (JsonNode element : block.path("elements")) {
          if (actionId.equals(element.path("action_id").asText())) {
            return java.util.Optional.of(element.path("value").asText());
          }
        }
        JsonNode accessory = block.path("accessory");
        if (actionId.equals(accessory.path("action_id").asText())) {
          return java.util.Optional.of(accessory.path("value").asText());
        }
      }
      return java.util.Optional.empty();
    }

    /** Every text in the message, for asserting what a reader would see. */
    public String allText() {
      StringBuilder out = new StringBuilder(text).append('\n');
      blocks.findValues("text").forEach(t -> out.append(t.isTextual() ? t.asText() : t.path("text").asText()).append('\n'));
      return out.toString();
    }
  }

  public String describe() {
    StringBuilder out = new StringBuilder();
    for (Call call : calls()) {
      out.append("  ").append(call.method()).append(' ').append(call.param("channel")).append(' ')
          .append(call.param("thread_ts")).append(' ').append(call.param("text")).append('\n');
    }
    return out.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = path.startsWith("/api/") ? path.substring(5) : "response_url";
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> params = params(exchange.getRequestHeaders().getFirst("Content-Type"),
          new String(body, StandardCharsets.UTF_8));
      int[] failure = method.equals("chat.postMessage") ? overRate(params.get("channel"))
          : method.equals("chat.update") ? overUpdateRate() : null;
      if (failure == null) {
        failure = nextFailure(method);
      }
      Duration min = delay;
      long spread = delayMax.toMillis() - min.toMillis();
      long wait = min.toMillis() + (spread > 0 ? java.util.concurrent.ThreadLocalRandom.current().nextLong(spread + 1) : 0);
      if (wait > 0) {
        Thread.sleep(wait);
      }
      String answer = failure == null ? answer(method, params) : "";
      String stamp = method.equals("chat.postMessage") && failure == null
          ? JSON.readTree(answer).path("ts").asText() : params.getOrDefault("ts", "");
      synchronized (this) {
        calls.add(new Call(method, params, exchange.getRequestHeaders().getFirst("Authorization"),
            System.nanoTime(), failure == null ? stamp : "failed:" + failure[0]));
      }
      if (failure != null) {
        if (failure[0] == 429) {
          exchange.getResponseHeaders().add("Retry-After", String.valueOf(failure[1]));
        }
        send(exchange, failure[0], "{\"ok\":false,\"error\":\"" + (failure[0] == 429 ? "ratelimited" : "internal_error") + "\"}");
        return;
      }
      send(exchange, 200, answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The 429 a post over the channel's rate gets, or null when the bucket has a token. */
  private int[] overRate(String channel) {
    RateLimit limit = rateLimit;
    if (limit == null) {
      return null;
    }
    double[] bucket = buckets.computeIfAbsent(channel == null ? "" : channel,
        c -> new double[] {limit.burst(), System.nanoTime()});
    synchronized (bucket) {
      long now = System.nanoTime();
      bucket[0] = Math.min(limit.burst(), bucket[0] + (now - bucket[1]) / 1e9 * limit.perSecond());
      bucket[1] = now;
      if (bucket[0] >= 1) {
        bucket[0] -= 1;
        return null;
      }
      rateLimited.incrementAndGet();
      int retryAfter = (int) Math.ceil((1 - bucket[0]) / limit.perSecond());
      return new int[] {429, Math.max(1, retryAfter)};
    }
  }

  private int[] nextFailure(String method) {
    List<int[]> queue = failures.get(method);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      return queue.isEmpty() ? null : queue.remove(0);
    }
  }

  private String answer(String method, Map<String, String> params) {
    return switch (method) {
      case "auth.test" -> "{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":\"Example\","
          + "\"user\":\"shepherd\",\"team_id\":\"T0TEAM\",\"user_id\":\"U0SHEPHERD\",\"bot_id\":\"B0SHEPHERD\"}";
      case "chat.postMessage" -> {
        long next = ts.addAndGet(100);
        String stamp = next / 1_000_000 + "." + String.format("%06d", next % 1_000_000);
        yield "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "") + "\",\"ts\":\"" + stamp + "\"}";
      }
      case "chat.update" -> "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "")
          + "\",\"ts\":\"" + params.getOrDefault("ts", "") + "\"}";
      case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"1.000001\"}";
      case "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"V0VIEW\"}}";
      case "usergroups.list", "usergroups.users.list" -> userGroups(method, params);
      default -> "{\"ok\":true}";
    };
  }

  /** Both usergroups methods in their real response shapes, scope and arguments checked. */
  private String userGroups(String method, Map<String, String> params) {
    com.fasterxml.jackson.databind.node.ObjectNode answer = JSON.createObjectNode();
    if (!userGroupsScope) {
      return answer.put("ok", false).put("error", "missing_scope").put("needed", "usergroups:read")
          .put("provided", "chat:write,commands").toString();
    }
    if (method.equals("usergroups.users.list")) {
      String id = params.getOrDefault("usergroup", "");
      if (id.isEmpty()) {
        return answer.put("ok", false).put("error", "invalid_arguments").toString();
      }
      UserGroup group = userGroups.get(id);
      if (group == null) {
        return answer.put("ok", false).put("error", "no_such_subteam").toString();
      }
      answer.put("ok", true);
      group.users().forEach(answer.putArray("users")::add);
      return answer.toString();
    }
    answer.put("ok", true);
    com.fasterxml.jackson.databind.node.ArrayNode list = answer.putArray("usergroups");
    boolean withUsers = "true".equals(params.get("include_users"));
    userGroups.values().stream().sorted(java.util.Comparator.comparing(UserGroup::id)).forEach(g -> {
      com.fasterxml.jackson.databind.node.ObjectNode group = list.addObject()
          .put("id", g.id()).put("team_id", "T0TEAM").put("is_usergroup", true)
          .put("is_subteam", true).put("name", g.handle()).put("description", "")
          .put("handle", g.handle()).put("is_external", false).put("date_create", 1446598059)
          .put("date_update", 1446670362).put("date_delete", 0).putNull("auto_type")
          .put("created_by", "U0ADMIN").put("updated_by", "U0ADMIN").putNull("deleted_by")
          .put("user_count", g.users().size());
      group.putObject("prefs").putArray("channels");
      ((com.fasterxml.jackson.databind.node.ObjectNode) group.get("prefs")).putArray("groups");
      if (withUsers) {
        g.users().forEach(group.putArray("users")::add);
      }
    });
    return answer.toString();
  }

  private static Map<String, String> params(String contentType, String body) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    if (contentType != null && contentType.startsWith("application/json")) {
      JsonNode tree = JSON.readTree(body.isEmpty() ? "{}" : body);
      tree.fields().forEachRemaining(e -> params.put(e.getKey(),
          e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
