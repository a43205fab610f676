package dev.shepherd.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections to loopback that send a request's headers and then trickle its body one byte at a
 * time, the way a slow-body attack does. Bounded: a fixed number of sockets, each with a read
 * timeout, every one closed by {@link #close()} (and the trickle stops when the sockets do).
 */
final class SlowClients implements AutoCloseable {
  private final List<Socket> sockets = new ArrayList<>();
  private final AtomicInteger trickles = new AtomicInteger();
  private final ScheduledExecutorService trickle =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "slow-clients");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Opens {@code count} connections to {@code port} that each post headers announcing {@code
   * declaredLength} bytes to {@code path}, then send one byte every {@code every}.
   */
  SlowClients(int port, String path, int count, int declaredLength, Duration every)
      throws IOException {
    try {
      for (int i = 0; i < count; i++) {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST "
                    + path
                    + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:"
                    + port
                    + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "X-Slack-Request-Timestamp: 1\r\n"
                    + "X-Slack-Signature: v0=00\r\n"
                    + "Content-Length: "
                    + declaredLength
                    + "\r\n\r\nt")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException e) {
      close();
      throw e;
    }
    trickle.scheduleAtFixedRate(this::sendOneByteEach, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sendOneByteEach() {
    for (Socket socket : sockets) {
      try {
        socket.getOutputStream().write('x');
        socket.getOutputStream().flush();
      } catch (IOException e) {
        // The server cut this one off: that is what it should do.
      }
    }
    synchronized (trickles) {
      trickles.incrementAndGet();
      trickles.notifyAll();
    }
  }

  /** Waits until every connection has been sent {@code rounds} more bytes. */
  void awaitTrickled(int rounds, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (trickles) {
      int target = trickles.get() + rounds;
      while (trickles.get() < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the slow clients did not trickle " + rounds + " rounds");
        }
        TimeUnit.NANOSECONDS.timedWait(trickles, left);
      }
    }
  }

  /** The status line the server answered connection {@code i} with (blocks until it does). */
  String statusLine(int i) throws IOException {
    InputStream in = sockets.get(i).getInputStream();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  @Override
  public void close() {
    trickle.shutdownNow();
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a test's socket: nothing to do.
      }
    }
  }
}
