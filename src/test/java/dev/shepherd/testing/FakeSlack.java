package dev.shepherd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shepherd.sandbox.BlockChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Slack's Web API played on loopback: a real HTTP server answering {@code auth.test}, {@code
 * chat.postMessage}, {@code chat.update}, {@code chat.postEphemeral}, {@code views.*}, {@code
 * conversations.replies}, {@code conversations.history} (metadata only with {@code
 * include_all_metadata}), {@code usergroups.list}, {@code usergroups.users.list}, {@code
 * files.getUploadURLExternal} with its upload URL, {@code files.completeUploadExternal} and
 * response URLs (handed out with clicks, each for its message alone, five uses within 30 minutes),
 * recording every call. Every message and view is checked against Block Kit's limits as Slack
 * checks them and refused {@code invalid_blocks} as Slack refuses it; a test whose Shepherd drew
 * one fails when the fake closes. It can answer 429, 500, or slowly, and hold a post unanswered,
 * before or after taking it, as a connection that dies mid-call would.
 */
public final class FakeSlack implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded call: the method, its form or JSON parameters, and its auth header. */
  public record Call(
      String method, Map<String, String> params, String authorization, long atNanos, String ts) {
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

  /**
   * A file shared through files.getUploadURLExternal, its upload, and files.completeUploadExternal.
   */
  public record Upload(
      String fileId,
      String filename,
      String title,
      String channel,
      String threadTs,
      String comment,
      String content) {}

  private final Map<String, String[]> pendingUploads = new ConcurrentHashMap<>();
  private final Map<String, String> uploadedBytes = new ConcurrentHashMap<>();
  private final List<Upload> uploads = new CopyOnWriteArrayList<>();
  private final AtomicLong fileIds = new AtomicLong();

  private volatile boolean filesDenied;

  /** Answers the files methods as Slack does for an app installed without files:write. */
  public void denyFiles() {
    filesDenied = true;
  }

  /** The files completed so far, each as shared. */
  public List<Upload> uploads() {
    return List.copyOf(uploads);
  }

  /**
   * A channel: public or private, whether the bot is in it, and its members (in a shared channel
   * guests from other workspaces too, as Slack lists them).
   */
  public record Channel(String id, boolean isPrivate, boolean botIsMember, List<String> members) {}

  /** Members of every channel no test described: the test workspace's usual people. */
  public static final List<String> USUAL_MEMBERS =
      List.of("U0OPERATOR", "U0ALICE", "U0BOB", "U0PRODLEAD");

  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  private volatile String enterprise = "";

  /**
   * The bot token is a workspace's in an Enterprise Grid organization: {@code auth.test} says so
   * with {@code enterprise_id}, as Slack does.
   */
  public void enterprise(String id) {
    this.enterprise = id;
  }

  /**
   * Describes a channel for {@code conversations.info} and {@code conversations.members}; a channel
   * never described is public, with the bot and {@link #USUAL_MEMBERS} in it.
   */
  public void channel(String id, boolean isPrivate, boolean botIsMember, List<String> members) {
    channels.put(id, new Channel(id, isPrivate, botIsMember, List.copyOf(members)));
  }

  private Channel channelOf(String id) {
    return channels.getOrDefault(id, new Channel(id, false, true, USUAL_MEMBERS));
  }

  private final Map<String, UserGroup> userGroups = new ConcurrentHashMap<>();
  private volatile boolean userGroupsScope = true;

  /** A Slack user group: {@code S…} id, handle without the {@code @}, members. */
  public record UserGroup(String id, String handle, List<String> users) {}

  private volatile RateLimit updateLimit;
  private final double[] updateBucket = new double[2];
  private final AtomicLong updatesLimited = new AtomicLong();

  /**
   * {@code chat.update} is limited per workspace, as Slack's tier 3 (about 50 a minute): one token
   * bucket for every channel; an update over it is answered 429 with Retry-After.
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
      updateBucket[0] =
          Math.min(
              limit.burst(), updateBucket[0] + (now - updateBucket[1]) / 1e9 * limit.perSecond());
      updateBucket[1] = now;
      if (updateBucket[0] >= 1) {
        updateBucket[0] -= 1;
        return null;
      }
      updatesLimited.incrementAndGet();
      return new int[] {
        429, Math.max(1, (int) Math.ceil((1 - updateBucket[0]) / limit.perSecond()))
      };
    }
  }

  private volatile RateLimit historyLimit;
  private final double[] historyBucket = new double[2];
  private final AtomicLong historyLimited = new AtomicLong();
  private volatile int historyPageMax = 999;

  /**
   * {@code conversations.history} as Slack limits it: tier 3 (about 50 a minute) for a Marketplace
   * app; one a minute, at most 15 messages a page, for an app outside the Marketplace since 2025. A
   * call over it is answered 429 with Retry-After.
   */
  public void historyRateLimit(double perMinute, int burst, int pageMax) {
    synchronized (historyBucket) {
      historyBucket[0] = burst;
      historyBucket[1] = System.nanoTime();
    }
    this.historyPageMax = pageMax;
    this.historyLimit = new RateLimit(perMinute / 60, burst);
  }

  /** How many history reads the limit refused with 429. */
  public long historyLimited() {
    return historyLimited.get();
  }

  private int[] overHistoryRate() {
    RateLimit limit = historyLimit;
    if (limit == null) {
      return null;
    }
    synchronized (historyBucket) {
      long now = System.nanoTime();
      historyBucket[0] =
          Math.min(
              limit.burst(), historyBucket[0] + (now - historyBucket[1]) / 1e9 * limit.perSecond());
      historyBucket[1] = now;
      if (historyBucket[0] >= 1) {
        historyBucket[0] -= 1;
        return null;
      }
      historyLimited.incrementAndGet();
      return new int[] {
        429, Math.max(1, (int) Math.ceil((1 - historyBucket[0]) / limit.perSecond()))
      };
    }
  }

  /** Creates a user group or replaces its members (someone joined or left). */
  public void userGroup(String id, String handle, List<String> users) {
    userGroups.put(id, new UserGroup(id, handle, List.copyOf(users)));
  }

  /**
   * Who is in a public channel the bot is in, as {@code conversations.members} lists them: {@link
   * #channel} with only the members said.
   */
  public void channelMembers(String channel, List<String> users) {
    channel(channel, false, true, users);
  }

  /**
   * Whether the app was granted {@code usergroups:read}: without it both usergroups methods answer
   * {@code missing_scope}, as Slack does.
   */
  public void userGroupsScope(boolean granted) {
    this.userGroupsScope = granted;
  }

  /** Message ts in microseconds since the epoch, from now on, as Slack stamps them. */
  private final AtomicLong ts = new AtomicLong(System.currentTimeMillis() * 1000);

  private final List<Hold> holds = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> held = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  /**
   * A post to hold: which one, and whether Slack takes it (it appears) before the answer is lost.
   */
  private record Hold(Predicate<Map<String, String>> which, boolean taken) {}

  /**
   * The next {@code chat.postMessage} whose parameters match is never answered (until close): with
   * {@code taken}, Slack took it first and the message appears; without, it never arrives.
   */
  public void holdNextPost(Predicate<Map<String, String>> which, boolean taken) {
    holds.add(new Hold(which, taken));
  }

  /** The posts held so far, as their parameters. */
  public List<Map<String, String>> held() {
    return List.copyOf(held);
  }

  private final Map<String, List<int[]>> failures = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;
  private volatile Duration delayMax = Duration.ZERO;
  private volatile RateLimit rateLimit;
  private final Map<String, double[]> buckets = new ConcurrentHashMap<>();
  private final AtomicLong rateLimited = new AtomicLong();
  private final List<String> refusals = new ArrayList<>();
  private final Map<String, Method> methods = methods();
  private final Map<String, BiFunction<Map<String, String>, String, String>> standIns =
      new ConcurrentHashMap<>();

  /** Answers the calls; shut down on close, so a test JVM does not keep its threads. */
  private java.util.concurrent.ExecutorService executor;

  public FakeSlack() throws IOException {
    this(8);
  }

  /** A fake Slack answering up to {@code threads} calls at once (a slow one needs more). */
  public FakeSlack(int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    executor = Executors.newFixedThreadPool(threads);
    server.setExecutor(executor);
    server.start();
  }

  /** The Web API base URL to give Shepherd as SLACK_API_URL. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  public String responseUrl(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + id;
  }

  /** How long Slack takes a response URL after the interaction that gave it. */
  public static final Duration RESPONSE_URL_LIFE = Duration.ofMinutes(30);

  /** How many times Slack takes one response URL. */
  public static final int RESPONSE_URL_USES = 5;

  /** A response URL handed out with a click: the message it answers, its age, its uses. */
  private record Issued(String channel, String messageTs, long issuedNanos, int uses) {}

  private final Map<String, Issued> issued = new ConcurrentHashMap<>();
  private final AtomicLong responseIds = new AtomicLong();

  /**
   * The response URL Slack sends with a click on message {@code messageTs}: it redraws that message
   * alone ({@code replace_original}), five times at most, within 30 minutes.
   */
  public String issueResponseUrl(String channel, String messageTs) {
    String id =
        "T0TEAM/" + responseIds.incrementAndGet() + "/" + Long.toHexString(System.nanoTime());
    issued.put(
        id, new Issued(channel, messageTs, System.nanoTime() - issuedAge.toNanos(), issuedUses));
    return responseUrl(id);
  }

  private volatile Duration issuedAge = Duration.ZERO;
  private volatile int issuedUses;

  /**
   * The response URLs handed out from now on are as if {@code age} had passed since their click and
   * they had been used {@code uses} times: expired past 30 minutes, used up at five.
   */
  public void issueResponseUrlsAs(Duration age, int uses) {
    this.issuedAge = age;
    this.issuedUses = uses;
  }

  /** Makes every response URL handed out so far older by {@code age}, as if time had passed. */
  public void ageResponseUrls(Duration age) {
    issued.replaceAll(
        (id, i) ->
            new Issued(i.channel(), i.messageTs(), i.issuedNanos() - age.toNanos(), i.uses()));
  }

  /**
   * A POST to a response URL, as Slack answers it: {@code replace_original} redraws the clicked
   * message (its metadata kept: a response carries none); an unknown, expired or used-up URL is
   * refused with HTTP 404 and the word for it; a message Slack would not take, as chat.update
   * refuses it. Returns the HTTP status, the JSON answer and the ts the call is recorded under.
   */
  private synchronized String[] respond(String id, Map<String, String> params) {
    Issued url = issued.get(id);
    if (url == null) {
      return new String[] {"404", error("invalid_url").toString(), "failed:invalid_url"};
    }
    if (System.nanoTime() - url.issuedNanos() > RESPONSE_URL_LIFE.toNanos()) {
      return new String[] {"404", error("expired_url").toString(), "failed:expired_url"};
    }
    if (url.uses() >= RESPONSE_URL_USES) {
      return new String[] {"404", error("used_url").toString(), "failed:used_url"};
    }
    if ("true".equals(params.get("delete_original"))) {
      return new String[] {"400", error("invalid_arguments").toString(), "failed:unsupported"};
    }
    Optional<ObjectNode> refused = message(params);
    if (refused.isPresent()) {
      return new String[] {
        "400", refused.get().toString(), "failed:" + refused.get().path("error").asText()
      };
    }
    issued.put(id, new Issued(url.channel(), url.messageTs(), url.issuedNanos(), url.uses() + 1));
    boolean replace = "true".equals(params.get("replace_original"));
    return new String[] {
      "200", ok().toString(), replace ? url.channel() + "|" + url.messageTs() : "posted"
    };
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
   * {@code chat.postMessage} is limited per channel as Slack limits it: a token bucket refilled at
   * {@code perSecond} that holds {@code burst}; a post over it is answered 429 with Retry-After
   * (whole seconds, as Slack sends it) and not recorded as a message.
   */
  public void rateLimit(double perSecond, int burst) {
    this.rateLimit = new RateLimit(perSecond, burst);
  }

  private record RateLimit(double perSecond, int burst) {}

  /** How many posts the rate limit refused with 429. */
  public long rateLimited() {
    return rateLimited.get();
  }

  /** Forgets the recorded calls (a long benchmark would otherwise keep every one). */
  public synchronized void forget() {
    calls.clear();
    builtFromCalls = -1;
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
    try {
      return Awaiting.untilFound(
          what,
          timeout,
          () -> {
            List<Call> now = calls();
            return condition.test(now) ? Optional.of(now) : Optional.empty();
          });
    } catch (AssertionError e) {
      throw new AssertionError("timed out waiting for " + what + "; calls so far:\n" + describe());
    }
  }

  /** The bot user and bot id auth.test names for the token: Shepherd's, unless told otherwise. */
  private volatile String[] tokenBot = {"U0SHEPHERD", "B0SHEPHERD"};

  /**
   * From now on, auth.test answers as another app's bot would (its token is used, not the one
   * Shepherd's posts were made with).
   */
  public void tokenOfAnotherApp() {
    tokenBot = new String[] {"U0AUDITOR", "B0AUDITOR"};
  }

  /** A message someone other than Shepherd's bot posted: who, and the message. */
  private record Planted(Message message, String user, String botId) {}

  private final List<Planted> planted = new CopyOnWriteArrayList<>();

  /** The planted messages by ts: a listing looks each message's author up here, not in a scan. */
  private final Map<String, Planted> plantedByTs = new ConcurrentHashMap<>();

  /**
   * Plants a message someone else posted (a person, with {@code botId} empty, or another app's bot)
   * into a channel or thread, carrying {@code metadata} (JSON, as Slack lists it) that may be made
   * to look like Shepherd's. Slack lists it with its own author; returns its ts.
   */
  public String plant(
      String channel, String threadTs, String text, String metadata, String user, String botId) {
    String stamp = nextTs();
    Planted message =
        new Planted(
            new Message(stamp, channel, threadTs, text, JSON.createArrayNode(), metadata),
            user,
            botId);
    plantedByTs.put(stamp, message);
    planted.add(message);
    return stamp;
  }

  /** The next message ts, as Slack stamps them: later than every one before. */
  private String nextTs() {
    long next = ts.addAndGet(100);
    return next / 1_000_000 + "." + String.format("%06d", next % 1_000_000);
  }

  /** The messages as last built, and how many calls and planted messages they were built from. */
  private List<Message> built = List.of();

  private int builtFromCalls = -1;
  private int builtFromPlanted = -1;

  /**
   * The messages as a reader sees them now: each post, as its latest update left it. Built again
   * only when a call came since (many readers looking at once, as a benchmark's operators do, share
   * one building).
   */
  public List<Message> messages() {
    List<Call> now;
    int plantedNow;
    synchronized (this) {
      plantedNow = planted.size();
      if (builtFromCalls == calls.size() && builtFromPlanted == plantedNow) {
        return built;
      }
      now = List.copyOf(calls);
    }
    List<Message> messages = build(now);
    synchronized (this) {
      built = messages;
      builtFromCalls = now.size();
      builtFromPlanted = plantedNow;
    }
    return messages;
  }

  private List<Message> build(List<Call> calls) {
    Map<String, Message> byTs = new LinkedHashMap<>();
    for (Call call : calls) {
      if (call.method().equals("chat.postMessage") && !call.ts().startsWith("failed")) {
        byTs.put(
            call.ts(),
            new Message(
                call.ts(),
                call.param("channel"),
                call.param("thread_ts"),
                call.param("text"),
                call.blocks(),
                call.param("metadata")));
      } else if (redraws(call, byTs)) {
        Message old = byTs.get(redrawn(call));
        byTs.put(
            old.ts(),
            new Message(
                old.ts(),
                old.channel(),
                old.threadTs(),
                call.param("text"),
                call.blocks(),
                old.metadata()));
      }
    }
    List<Message> all = new ArrayList<>(byTs.values());
    if (!planted.isEmpty()) {
      planted.forEach(p -> all.add(p.message()));
      all.sort(Comparator.comparing(m -> new java.math.BigDecimal(m.ts())));
    }
    return List.copyOf(all);
  }

  /** Whether a call redrew a message that stands: a chat.update, or a response's replacement. */
  private static boolean redraws(Call call, Map<String, Message> byTs) {
    return (call.method().equals("chat.update") || call.method().equals("response_url"))
        && !call.ts().startsWith("failed")
        && byTs.containsKey(redrawn(call));
  }

  /** The ts of the message a chat.update or a response URL's replacement redrew. */
  public static String redrawn(Call call) {
    return call.method().equals("response_url")
        ? call.ts().substring(call.ts().indexOf('|') + 1)
        : call.param("ts");
  }

  /** A message as it stands. */
  public record Message(
      String ts, String channel, String threadTs, String text, JsonNode blocks, String metadata) {
    public boolean isTopLevel() {
      return threadTs == null || threadTs.isEmpty();
    }

    /** The value of the button with this action id, if the message shows one. */
    public Optional<String> button(String actionId) {
      for (JsonNode block : blocks) {
        for (JsonNode element : block.path("elements")) {
          if (actionId.equals(element.path("action_id").asText())) {
            return Optional.of(element.path("value").asText());
          }
        }
        JsonNode accessory = block.path("accessory");
        if (actionId.equals(accessory.path("action_id").asText())) {
          return Optional.of(accessory.path("value").asText());
        }
      }
      return Optional.empty();
    }

    /** Every text in the message, for asserting what a reader would see. */
    public String allText() {
      StringBuilder out = new StringBuilder(text).append('\n');
      blocks
          .findValues("text")
          .forEach(
              t -> out.append(t.isTextual() ? t.asText() : t.path("text").asText()).append('\n'));
      return out.toString();
    }
  }

  public String describe() {
    StringBuilder out = new StringBuilder();
    for (Call call : calls()) {
      out.append("  ")
          .append(call.method())
          .append(' ')
          .append(call.param("channel"))
          .append(' ')
          .append(call.param("thread_ts"))
          .append(' ')
          .append(call.param("text"))
          .append('\n');
    }
    return out.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/upload/")) {
        upload(exchange, path.substring("/upload/".length()));
        return;
      }
      String method = path.startsWith("/api/") ? path.substring(5) : "response_url";
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> params =
          params(
              exchange.getRequestHeaders().getFirst("Content-Type"),
              new String(body, StandardCharsets.UTF_8));
      if (path.startsWith("/response/")) {
        String[] answer = respond(path.substring("/response/".length()), params);
        synchronized (this) {
          calls.add(
              new Call(
                  method,
                  params,
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  System.nanoTime(),
                  answer[2]));
        }
        send(exchange, Integer.parseInt(answer[0]), answer[1]);
        return;
      }
      int[] failure =
          method.equals("chat.postMessage")
              ? overRate(params.get("channel"))
              : method.equals("chat.update")
                  ? overUpdateRate()
                  : method.equals("conversations.history") ? overHistoryRate() : null;
      if (failure == null) {
        failure = nextFailure(method);
      }
      Hold hold = method.equals("chat.postMessage") && failure == null ? takeHold(params) : null;
      if (hold != null && !hold.taken()) {
        held.add(params);
        released.await();
        return;
      }
      Duration min = delay;
      long spread = delayMax.toMillis() - min.toMillis();
      long wait =
          min.toMillis() + (spread > 0 ? ThreadLocalRandom.current().nextLong(spread + 1) : 0);
      if (wait > 0) {
        // Kept: a slow Slack is what a test asked this fake for (delay).
        Thread.sleep(wait);
      }
      String answer =
          failure == null
              ? answer(method, params, exchange.getRequestHeaders().getFirst("Authorization"))
              : "";
      JsonNode answered = failure == null ? JSON.readTree(answer) : JSON.createObjectNode();
      String stamp =
          failure == null && !answered.path("ok").asBoolean()
              ? "failed:" + answered.path("error").asText()
              : method.equals("chat.postMessage") && failure == null
                  ? answered.path("ts").asText()
                  : params.getOrDefault("ts", "");
      synchronized (this) {
        calls.add(
            new Call(
                method,
                params,
                exchange.getRequestHeaders().getFirst("Authorization"),
                System.nanoTime(),
                failure == null ? stamp : "failed:" + failure[0]));
      }
      if (hold != null) {
        held.add(params);
        released.await();
        return;
      }
      if (failure != null) {
        if (failure[0] == 429) {
          exchange.getResponseHeaders().add("Retry-After", String.valueOf(failure[1]));
        }
        send(
            exchange,
            failure[0],
            "{\"ok\":false,\"error\":\""
                + (failure[0] == 429 ? "ratelimited" : "internal_error")
                + "\"}");
        return;
      }
      send(exchange, 200, answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Hold takeHold(Map<String, String> params) {
    for (Hold hold : holds) {
      if (hold.which().test(params) && holds.remove(hold)) {
        return hold;
      }
    }
    return null;
  }

  /**
   * The upload URL files.getUploadURLExternal handed out: the bytes must come in one POST of
   * exactly the length announced, once, as Slack's upload endpoint takes them.
   */
  private void upload(HttpExchange exchange, String fileId) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String[] pending = pendingUploads.remove(fileId);
    if (pending == null || Long.parseLong(pending[1]) != body.length) {
      send(
          exchange,
          400,
          "{\"ok\":false,\"error\":\""
              + (pending == null ? "unknown_upload" : "length_mismatch")
              + "\"}");
      return;
    }
    uploadedBytes.put(fileId, pending[0] + "\u0000" + new String(body, StandardCharsets.UTF_8));
    byte[] ok = ("OK - " + body.length).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, ok.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(ok);
    }
  }

  private String getUploadUrl(Map<String, String> params) {
    String filename = params.getOrDefault("filename", "");
    String length = params.getOrDefault("length", "");
    if (filename.isEmpty() || !length.matches("[1-9][0-9]*")) {
      return "{\"ok\":false,\"error\":\"invalid_arguments\"}";
    }
    String id = "F0FILE" + fileIds.incrementAndGet();
    pendingUploads.put(id, new String[] {filename, length});
    return "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/upload/"
        + id
        + "\",\"file_id\":\""
        + id
        + "\"}";
  }

  private String completeUpload(Map<String, String> params) throws IOException {
    JsonNode files = JSON.readTree(params.getOrDefault("files", "[]"));
    if (!files.isArray() || files.isEmpty()) {
      return "{\"ok\":false,\"error\":\"invalid_arguments\"}";
    }
    StringBuilder answer = new StringBuilder("{\"ok\":true,\"files\":[");
    for (JsonNode file : files) {
      String id = file.path("id").asText();
      String done = uploadedBytes.remove(id);
      if (done == null) {
        return "{\"ok\":false,\"error\":\"file_not_found\"}";
      }
      int split = done.indexOf('\u0000');
      uploads.add(
          new Upload(
              id,
              done.substring(0, split),
              file.path("title").asText(""),
              params.getOrDefault("channel_id", ""),
              params.getOrDefault("thread_ts", ""),
              params.getOrDefault("initial_comment", ""),
              done.substring(split + 1)));
      answer
          .append(answer.charAt(answer.length() - 1) == '[' ? "" : ",")
          .append("{\"id\":\"")
          .append(id)
          .append("\"}");
    }
    return answer.append("]}").toString();
  }

  /** The 429 a post over the channel's rate gets, or null when the bucket has a token. */
  private int[] overRate(String channel) {
    RateLimit limit = rateLimit;
    if (limit == null) {
      return null;
    }
    double[] bucket =
        buckets.computeIfAbsent(
            channel == null ? "" : channel, c -> new double[] {limit.burst(), System.nanoTime()});
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

  /** One Web API method: Slack's JSON answer to its parameters. */
  @FunctionalInterface
  private interface Method {
    ObjectNode answer(Map<String, String> params) throws IOException;
  }

  /** The methods Shepherd calls, each checked as Slack checks it; a new one is one entry. */
  private Map<String, Method> methods() {
    Map<String, Method> methods = new LinkedHashMap<>();
    methods.put(
        "auth.test",
        p ->
            ok().put("url", "https://example.slack.com/")
                .put("team", "Example")
                .put("user", "shepherd")
                .put("team_id", "T0TEAM")
                .put("user_id", tokenBot[0])
                .put("bot_id", tokenBot[1])
                .put("is_enterprise_install", false)
                .put("enterprise_id", enterprise.isEmpty() ? null : enterprise));
    methods.put(
        "chat.postMessage",
        p ->
            message(p)
                .orElseGet(
                    () -> ok().put("channel", p.getOrDefault("channel", "")).put("ts", nextTs())));
    methods.put(
        "chat.update",
        p ->
            message(p)
                .orElseGet(
                    () ->
                        ok().put("channel", p.getOrDefault("channel", ""))
                            .put("ts", p.getOrDefault("ts", ""))));
    methods.put(
        "chat.postEphemeral", p -> message(p).orElseGet(() -> ok().put("message_ts", "1.000001")));
    for (String view : List.of("views.open", "views.push", "views.update", "views.publish")) {
      methods.put(
          view,
          p ->
              view(p)
                  .orElseGet(
                      () -> {
                        ObjectNode answer = ok();
                        answer.putObject("view").put("id", "V0VIEW");
                        return answer;
                      }));
    }
    methods.put(
        "files.getUploadURLExternal",
        p ->
            (ObjectNode)
                JSON.readTree(
                    filesDenied
                        ? "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"files:write\",\"provided\":\"commands,chat:write\"}"
                        : getUploadUrl(p)));
    methods.put("files.completeUploadExternal", p -> (ObjectNode) JSON.readTree(completeUpload(p)));
    for (String groups : List.of("usergroups.list", "usergroups.users.list")) {
      methods.put(groups, p -> (ObjectNode) JSON.readTree(userGroups(groups, p)));
    }
    methods.put("conversations.info", this::conversationInfo);
    methods.put("conversations.members", this::conversationMembers);
    methods.put("conversations.replies", this::replies);
    methods.put("conversations.history", this::history);
    return methods;
  }

  /** Both usergroups methods in their real response shapes, scope and arguments checked. */
  private String userGroups(String method, Map<String, String> params) {
    com.fasterxml.jackson.databind.node.ObjectNode answer = JSON.createObjectNode();
    if (!userGroupsScope) {
      return answer
          .put("ok", false)
          .put("error", "missing_scope")
          .put("needed", "usergroups:read")
          .put("provided", "chat:write,commands")
          .toString();
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
    userGroups.values().stream()
        .sorted(Comparator.comparing(UserGroup::id))
        .forEach(
            g -> {
              com.fasterxml.jackson.databind.node.ObjectNode group =
                  list.addObject()
                      .put("id", g.id())
                      .put("team_id", "T0TEAM")
                      .put("is_usergroup", true)
                      .put("is_subteam", true)
                      .put("name", g.handle())
                      .put("description", "")
                      .put("handle", g.handle())
                      .put("is_external", false)
                      .put("date_create", 1446598059)
                      .put("date_update", 1446670362)
                      .put("date_delete", 0)
                      .putNull("auto_type")
                      .put("created_by", "U0ADMIN")
                      .put("updated_by", "U0ADMIN")
                      .putNull("deleted_by")
                      .put("user_count", g.users().size());
              group.putObject("prefs").putArray("channels");
              ((com.fasterxml.jackson.databind.node.ObjectNode) group.get("prefs"))
                  .putArray("groups");
              if (withUsers) {
                g.users().forEach(group.putArray("users")::add);
              }
            });
    return answer.toString();
  }

  /**
   * A channel as {@code conversations.info} describes it. A private channel the bot is not in is
   * {@code channel_not_found}, as Slack answers it.
   */
  private ObjectNode conversationInfo(Map<String, String> params) {
    String id = params.getOrDefault("channel", "");
    if (id.isEmpty()) {
      return error("channel_not_found");
    }
    Channel channel = channelOf(id);
    if (channel.isPrivate() && !channel.botIsMember()) {
      return error("channel_not_found");
    }
    ObjectNode answer = ok();
    answer
        .putObject("channel")
        .put("id", id)
        .put("name", id.toLowerCase())
        .put("is_channel", !channel.isPrivate())
        .put("is_group", channel.isPrivate())
        .put("is_im", false)
        .put("is_mpim", false)
        .put("is_private", channel.isPrivate())
        .put("is_archived", false)
        .put("is_general", false)
        .put("is_shared", false)
        .put("is_ext_shared", false)
        .put("is_org_shared", false)
        .put("is_member", channel.botIsMember())
        .put("created", 1449252889)
        .put("creator", "U0ADMIN");
    return answer;
  }

  /**
   * A channel's members, a page at a time as Slack pages them: {@code limit} from 1 to 1000
   * (default 100), {@code cursor} from the last page's {@code response_metadata.next_cursor}.
   */
  private ObjectNode conversationMembers(Map<String, String> params) {
    String id = params.getOrDefault("channel", "");
    Channel channel = channelOf(id);
    if (id.isEmpty() || (channel.isPrivate() && !channel.botIsMember())) {
      return error("channel_not_found");
    }
    int limit;
    int from;
    try {
      limit = Integer.parseInt(params.getOrDefault("limit", "100"));
      String cursor = params.getOrDefault("cursor", "");
      from = cursor.isEmpty() ? 0 : Integer.parseInt(cursor.substring("member:".length()));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return error(params.containsKey("cursor") ? "invalid_cursor" : "invalid_limit");
    }
    if (limit < 1 || limit > 1000) {
      return error("invalid_limit");
    }
    if (from < 0 || from > channel.members().size()) {
      return error("invalid_cursor");
    }
    int to = Math.min(channel.members().size(), from + limit);
    ObjectNode answer = ok();
    channel.members().subList(from, to).forEach(answer.putArray("members")::add);
    answer
        .putObject("response_metadata")
        .put("next_cursor", to < channel.members().size() ? "member:" + to : "");
    return answer;
  }

  /** A thread as Slack lists it: its parent first, then the replies, oldest first. */
  private ObjectNode replies(Map<String, String> params) throws IOException {
    String channel = params.getOrDefault("channel", "");
    String parent = params.getOrDefault("ts", "");
    List<Message> thread =
        messages().stream()
            .filter(
                m ->
                    m.channel().equals(channel)
                        && (m.ts().equals(parent) || parent.equals(m.threadTs())))
            .toList();
    if (thread.stream().noneMatch(m -> m.ts().equals(parent))) {
      return error("thread_not_found");
    }
    return listing(thread, params);
  }

  /** A channel's messages (not the replies in threads) after {@code oldest}, newest first. */
  private ObjectNode history(Map<String, String> params) throws IOException {
    String channel = params.getOrDefault("channel", "");
    double oldest = Double.parseDouble(params.getOrDefault("oldest", "0"));
    List<Message> top =
        new ArrayList<>(
            messages().stream()
                .filter(
                    m ->
                        m.channel().equals(channel)
                            && m.isTopLevel()
                            && Double.parseDouble(m.ts()) > oldest)
                .toList());
    Collections.reverse(top);
    int limit;
    try {
      limit = Integer.parseInt(params.getOrDefault("limit", "100"));
    } catch (NumberFormatException e) {
      return error("invalid_limit");
    }
    // Slack hands out at most 999 a page (15 for an app outside the Marketplace), fewer if asked.
    limit = Math.max(1, Math.min(limit, historyPageMax));
    int from;
    try {
      String cursor = params.getOrDefault("cursor", "");
      from =
          cursor.isEmpty()
              ? 0
              : Integer.parseInt(
                  new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8)
                      .substring("next:".length()));
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      return error("invalid_cursor");
    }
    List<Message> page =
        top.subList(Math.min(from, top.size()), Math.min(from + limit, top.size()));
    ObjectNode answer = listing(page, params);
    boolean more = from + limit < top.size();
    answer.put("has_more", more);
    answer
        .putObject("response_metadata")
        .put(
            "next_cursor",
            more
                ? Base64.getEncoder()
                    .encodeToString(("next:" + (from + limit)).getBytes(StandardCharsets.UTF_8))
                : "");
    return answer;
  }

  /** Messages as Slack lists them; their metadata only when {@code include_all_metadata} asks. */
  private ObjectNode listing(List<Message> messages, Map<String, String> params)
      throws IOException {
    boolean withMetadata =
        List.of("true", "1").contains(params.getOrDefault("include_all_metadata", ""));
    ObjectNode answer = ok().put("has_more", false);
    com.fasterxml.jackson.databind.node.ArrayNode list = answer.putArray("messages");
    for (Message message : messages) {
      Optional<Planted> someoneElse = Optional.ofNullable(plantedByTs.get(message.ts()));
      ObjectNode item =
          list.addObject()
              .put("type", "message")
              .put("user", someoneElse.map(Planted::user).orElse("U0SHEPHERD"))
              .put("text", message.text())
              .put("ts", message.ts());
      String botId = someoneElse.map(Planted::botId).orElse("B0SHEPHERD");
      if (!botId.isEmpty()) {
        item.put("bot_id", botId);
      }
      if (!message.isTopLevel()) {
        item.put("thread_ts", message.threadTs());
      }
      if (withMetadata && !message.metadata().isEmpty()) {
        item.set("metadata", JSON.readTree(message.metadata()));
      }
    }
    return answer;
  }

  /**
   * Answers a method with a stand-in's JSON ({@code apps.connections.open} by the Socket Mode
   * stand-in); the stand-in is as strict as Slack is about its method.
   */
  public void answer(String method, BiFunction<Map<String, String>, String, String> json) {
    standIns.put(method, json);
  }

  private String answer(String method, Map<String, String> params, String authorization)
      throws IOException {
    var standIn = standIns.get(method);
    if (standIn != null) {
      return standIn.apply(params, authorization);
    }
    Method answering = methods.get(method);
    ObjectNode answer = answering == null ? error("unknown_method") : answering.answer(params);
    if (answer.path("error").asText().startsWith("invalid_blocks")) {
      synchronized (this) {
        refusals.add(method + ": " + answer.path("error").asText() + " " + answer.path("errors"));
      }
    }
    return answer.toString();
  }

  /** What Slack answers to a message it would not post (blocks, text), if anything. */
  private static Optional<ObjectNode> message(Map<String, String> params) {
    JsonNode blocks;
    try {
      blocks = JSON.readTree(params.getOrDefault("blocks", "[]"));
    } catch (IOException e) {
      return Optional.of(error("invalid_blocks_format"));
    }
    String text = params.getOrDefault("text", "");
    if ((blocks == null || blocks.isEmpty()) && text.isBlank()) {
      return Optional.of(error("no_text"));
    }
    Optional<ObjectNode> metadata = metadata(params.get("metadata"));
    if (metadata.isPresent()) {
      return metadata;
    }
    List<String> problems = new ArrayList<>(BlockChecks.messageText(text));
    if (blocks != null) {
      problems.addAll(BlockChecks.problems(blocks, BlockChecks.MESSAGE_BLOCKS));
    }
    if (!problems.isEmpty()
        && problems.stream().allMatch(p -> p.contains("[json-pointer:/text]"))) {
      return Optional.of(error("msg_too_long"));
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(invalidBlocks(problems));
  }

  /**
   * Slack's message metadata, as its schema has it: an {@code event_type} of letters, digits and
   * underscores, and an {@code event_payload} object whose values are strings, numbers, booleans,
   * objects of those, or arrays of such objects. Anything else is {@code invalid_metadata_format}.
   */
  private static Optional<ObjectNode> metadata(String json) {
    if (json == null || json.isEmpty()) {
      return Optional.empty();
    }
    JsonNode metadata;
    try {
      metadata = JSON.readTree(json);
    } catch (IOException e) {
      return Optional.of(error("invalid_metadata_format"));
    }
    boolean fits =
        metadata != null
            && metadata.isObject()
            && metadata.path("event_type").isTextual()
            && metadata.path("event_type").asText().matches("[A-Za-z0-9_]{1,255}")
            && metadata.path("event_payload").isObject();
    if (fits) {
      for (JsonNode value : (Iterable<JsonNode>) metadata.path("event_payload")::elements) {
        fits &= isScalar(value) || isScalarObject(value) || isArrayOfScalarObjects(value);
      }
    }
    return fits ? Optional.empty() : Optional.of(error("invalid_metadata_format"));
  }

  private static boolean isScalar(JsonNode value) {
    return value.isTextual() || value.isNumber() || value.isBoolean();
  }

  private static boolean isScalarObject(JsonNode value) {
    if (!value.isObject()) {
      return false;
    }
    for (JsonNode field : (Iterable<JsonNode>) value::elements) {
      if (!isScalar(field)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isArrayOfScalarObjects(JsonNode value) {
    if (!value.isArray()) {
      return false;
    }
    for (JsonNode item : (Iterable<JsonNode>) value::elements) {
      if (!isScalarObject(item)) {
        return false;
      }
    }
    return true;
  }

  private static Optional<ObjectNode> view(Map<String, String> params) {
    JsonNode view;
    try {
      view = JSON.readTree(params.getOrDefault("view", ""));
    } catch (IOException e) {
      return Optional.of(error("invalid_arguments"));
    }
    if (view == null || !view.isObject()) {
      return Optional.of(error("invalid_arguments"));
    }
    List<String> problems = BlockChecks.view(view);
    return problems.isEmpty() ? Optional.empty() : Optional.of(invalidBlocks(problems));
  }

  private static ObjectNode invalidBlocks(List<String> problems) {
    ObjectNode answer = error("invalid_blocks");
    problems.forEach(answer.putArray("errors")::add);
    return answer;
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("ok", true);
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }

  /**
   * What Slack refused ({@code invalid_blocks}) so far, by method: {@link #close()} fails the test
   * when there is any, so no view that breaks a limit passes unnoticed.
   */
  public synchronized List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** For a test that sends invalid blocks on purpose: forgets the refusals so far. */
  public synchronized void forgiveRefusals() {
    refusals.clear();
  }

  private static Map<String, String> params(String contentType, String body) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    if (contentType != null && contentType.startsWith("application/json")) {
      JsonNode tree = JSON.readTree(body.isEmpty() ? "{}" : body);
      tree.fields()
          .forEachRemaining(
              e ->
                  params.put(
                      e.getKey(),
                      e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
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

  /** Stops the server; fails when Slack would have refused any message or view it was sent. */
  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
    List<String> refused = refusals();
    if (!refused.isEmpty()) {
      throw new AssertionError(
          "Slack would have refused "
              + refused.size()
              + " call(s) as invalid_blocks:\n  "
              + String.join("\n  ", refused));
    }
  }
}
