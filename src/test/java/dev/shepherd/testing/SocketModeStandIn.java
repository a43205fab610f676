package dev.shepherd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode played on loopback, as Slack's documentation describes it: {@code
 * apps.connections.open} (on the {@link FakeSlack}, app token only) hands out a single-use {@code
 * ws://} URL; the socket says {@code hello}, delivers envelopes and expects each acked by {@code
 * envelope_id}; it can send {@code disconnect}, drop the TCP connection, or have {@code
 * apps.connections.open} answer {@code ok:false} as Slack does during incidents.
 */
public final class SocketModeStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An envelope's ack as it arrived: when, and the payload it carried (a command's answer). */
  public record Ack(String envelopeId, long atNanos, JsonNode payload) {}

  private final FakeSlack slack;
  private final Server server;
  private final Set<String> tickets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refuseOpens = new AtomicInteger();
  private final AtomicInteger opens = new AtomicInteger();
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final Map<String, Long> sent = new ConcurrentHashMap<>();
  private final Map<String, Ack> acks = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private volatile WebSocket connection;
  private volatile WebSocket retiring;

  public SocketModeStandIn(FakeSlack slack) throws InterruptedException {
    this.slack = slack;
    this.server = new Server();
    server.setReuseAddr(true);
    server.start();
    Awaiting.until("the stand-in's port", Duration.ofSeconds(10), () -> server.getPort() > 0);
    slack.answer("apps.connections.open", (params, authorization) -> open(authorization));
  }

  private String open(String authorization) {
    String token = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
    tokens.add(token);
    if (!token.startsWith("xapp-")) {
      return "{\"ok\":false,\"error\":\"not_allowed_token_type\"}";
    }
    if (refuseOpens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return "{\"ok\":false,\"error\":\"internal_error\"}";
    }
    opens.incrementAndGet();
    String ticket = UUID.randomUUID().toString();
    tickets.add(ticket);
    return "{\"ok\":true,\"url\":\"ws://127.0.0.1:"
        + server.getPort()
        + "/link/?ticket="
        + ticket
        + "&app_id=A0SHEPHERD\"}";
  }

  /** The next {@code times} calls of apps.connections.open answer {@code internal_error}. */
  public void refuseNextOpens(int times) {
    refuseOpens.set(times);
  }

  public int opens() {
    return opens.get();
  }

  public List<String> tokensSeen() {
    return List.copyOf(tokens);
  }

  public boolean connected() {
    WebSocket now = connection;
    return now != null && now.isOpen();
  }

  /** Waits until a client is connected (and said hello to). */
  public void awaitConnected(Duration timeout) throws InterruptedException {
    await("a Socket Mode connection", this::connected, timeout);
  }

  /** Sends an envelope of a type, with Slack's retry fields; returns its id. */
  public String deliver(String type, JsonNode payload, int retryAttempt, String envelopeId) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", envelopeId);
    envelope.set("payload", payload);
    envelope.put("type", type);
    envelope.put("accepts_response_payload", type.equals("slash_commands"));
    envelope.put("retry_attempt", retryAttempt);
    envelope.put("retry_reason", retryAttempt == 0 ? "" : "timeout");
    sent.put(envelopeId, System.nanoTime());
    connection.send(envelope.toString());
    return envelopeId;
  }

  public String deliver(String type, JsonNode payload) {
    return deliver(type, payload, 0, UUID.randomUUID().toString());
  }

  /** The ack of an envelope, once it came; fails after the timeout. */
  public Ack awaitAck(String envelopeId, Duration timeout) throws InterruptedException {
    await("the ack of envelope " + envelopeId, () -> acks.containsKey(envelopeId), timeout);
    return acks.get(envelopeId);
  }

  /** How long after sending it an envelope was acked. */
  public Duration ackDelay(String envelopeId) {
    return Duration.ofNanos(acks.get(envelopeId).atNanos() - sent.get(envelopeId));
  }

  /**
   * Slack asks the client to reconnect ({@code refresh_requested}): envelopes go to the next
   * connection only, and the old one is closed once it opens.
   */
  public void disconnect(String reason) {
    WebSocket now = connection;
    retiring = now;
    connection = null;
    now.send(
        "{\"type\":\"disconnect\",\"reason\":\""
            + reason
            + "\",\"debug_info\":"
            + "{\"host\":\"applink-standin\"}}");
  }

  /** The TCP connection drops: no close frame, the socket is just gone. */
  public void drop() {
    WebSocket now = connection;
    ((WebSocketImpl) now).closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the stand-in");
  }

  /** What the stand-in saw that Slack would refuse: an unknown ticket, a frame it cannot read. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  private static void await(String what, BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    Awaiting.until(what, timeout, condition::getAsBoolean);
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(1000);
  }

  private final class Server extends WebSocketServer {
    Server() {
      super(new InetSocketAddress("127.0.0.1", 0));
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
      String resource = handshake.getResourceDescriptor();
      String ticket = resource.replaceFirst(".*[?&]ticket=([^&]+).*", "$1");
      if (!tickets.remove(ticket)) {
        // Slack's URLs are single use: a second connect with one is refused.
        problems.add("connect with an unknown or used URL: " + resource);
        socket.close(CloseFrame.POLICY_VALIDATION, "invalid ticket");
        return;
      }
      connection = socket;
      WebSocket old = retiring;
      retiring = null;
      if (old != null) {
        old.close(CloseFrame.NORMAL, "refreshed");
      }
      socket.send(
          "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":"
              + "\"applink-standin\",\"build_number\":1,\"approximate_connection_time\":18060},"
              + "\"connection_info\":{\"app_id\":\"A0SHEPHERD\"}}");
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
      try {
        JsonNode ack = JSON.readTree(message);
        String id = ack.path("envelope_id").asText("");
        if (id.isEmpty() || !sent.containsKey(id)) {
          problems.add("a frame that acks no envelope: " + message);
          return;
        }
        acks.putIfAbsent(id, new Ack(id, System.nanoTime(), ack.path("payload")));
      } catch (IOException e) {
        problems.add("a frame that is not JSON: " + message);
      }
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
      if (socket == connection) {
        connection = null;
      }
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
      problems.add("socket error: " + e);
    }

    @Override
    public void onStart() {}
  }
}
