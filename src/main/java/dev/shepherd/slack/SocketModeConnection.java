package dev.shepherd.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shepherd's Socket Mode connection, kept open by a watchdog: the SDK reconnects on its own after a
 * {@code disconnect}, but its reconnect dies for good when {@code apps.connections.open} answers
 * {@code ok:false} (Slack does, during incidents) and nothing restarts it. The watchdog looks every
 * {@link Backoff#check()}; a connection it finds closed (for whatever reason) is replaced by a new
 * client, retried with back-off until one opens. Thread-safe.
 */
public final class SocketModeConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);

  /** How often to look, and how long to wait between failed attempts (doubling to the cap). */
  public record Backoff(Duration check, Duration first, Duration cap) {
    public static final Backoff DEFAULT =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Backoff {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(cap, "cap");
    }

    Duration after(int failures) {
      long millis = first.toMillis() << Math.min(failures - 1, 16);
      return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }
  }

  private final String appToken;
  private final App app;
  private final Backoff backoff;
  private final ScheduledExecutorService watchdog;
  private final Counter reconnects;
  private final Counter failedAttempts;
  // Touched by the watchdog thread only, read by probes.
  private volatile SocketModeApp current;
  private volatile String lastProblem = "not connected yet";
  private volatile boolean open;
  private int failures;
  private long nextAttemptNanos;
  private boolean everOpened;

  public SocketModeConnection(String appToken, App app, Backoff backoff, MeterRegistry registry) {
    this.appToken = Objects.requireNonNull(appToken, "appToken");
    this.app = Objects.requireNonNull(app, "app");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "shepherd-socket-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    Gauge.builder("shepherd.slack.socket.connected", this, c -> c.open ? 1 : 0)
        .description("1 while the Socket Mode connection is open")
        .register(registry);
    this.reconnects =
        Counter.builder("shepherd.slack.socket.connects")
            .description("Socket Mode connections the watchdog opened")
            .tag("outcome", "opened")
            .register(registry);
    this.failedAttempts =
        Counter.builder("shepherd.slack.socket.connects")
            .description("Socket Mode connections the watchdog opened")
            .tag("outcome", "failed")
            .register(registry);
  }

  /** Connects now and keeps the connection open until {@link #close()}. */
  public SocketModeConnection start() {
    watchdog.scheduleWithFixedDelay(
        this::look, 0, backoff.check().toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Empty while a connection is open; otherwise why not (for {@code /readyz}). */
  public Optional<String> problem() {
    return open
        ? Optional.empty()
        : Optional.of(
            "no Socket Mode connection is open ("
                + lastProblem
                + "); the watchdog is reconnecting");
  }

  private void look() {
    try {
      SocketModeApp socket = current;
      if (socket != null && socket.getClient() != null && socket.getClient().verifyConnection()) {
        open = true;
        failures = 0;
        return;
      }
      if (open) {
        log.warn("the Socket Mode connection is closed; opening a new one");
        lastProblem = "the connection closed";
      }
      open = false;
      if (System.nanoTime() - nextAttemptNanos < 0) {
        return;
      }
      reconnect(socket);
    } catch (RuntimeException | Error e) {
      // The watchdog must outlive anything the SDK throws, or it dies like the SDK's task.
      lastProblem = e.toString();
      log.warn("Socket Mode watchdog: {}", e.toString());
    }
  }

  private void reconnect(SocketModeApp old) {
    stop(old);
    current = null;
    try {
      SocketModeApp socket =
          new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
      current = socket;
      // Opens the connection: apps.connections.open, then the WebSocket. The SDK logs some of its
      // failures and leaves no client behind, so a missing client is a failure too.
      socket.startAsync();
      if (socket.getClient() == null) {
        throw new IllegalStateException("the SDK could not open a Socket Mode client");
      }
      reconnects.increment();
      log.info("Socket Mode connection {}", everOpened ? "reopened" : "opened");
      everOpened = true;
      failures = 0;
    } catch (Exception e) {
      failures++;
      failedAttempts.increment();
      Duration wait = backoff.after(failures);
      nextAttemptNanos = System.nanoTime() + wait.toNanos();
      lastProblem = describe(e);
      log.warn(
          "could not open a Socket Mode connection (attempt {}): {}; trying again in {} ms",
          failures,
          lastProblem,
          wait.toMillis());
    }
  }

  /** The SDK's failure in a line, never with the token. */
  private static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("xapp-[A-Za-z0-9-]+", "xapp-***");
  }

  private static void stop(SocketModeApp socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (Exception e) {
      log.debug("closing the old Socket Mode client: {}", e.toString());
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    try {
      watchdog.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    open = false;
    stop(current);
  }
}
