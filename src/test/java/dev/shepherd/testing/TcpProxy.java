package dev.shepherd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback between Shepherd and a database, for outages made in a test rather than
 * by stopping a server other tests share. {@link #cut()} drops every connection and then accepts
 * new ones without ever answering (a network that swallows packets: the hardest case, where only
 * timeouts end a wait); {@link #restore()} forwards again.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;
  private volatile boolean closed;

  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Drops every connection; new ones are accepted and left unanswered. */
  public void cut() {
    cut = true;
    closeAll();
  }

  /** Forwards new connections again; the unanswered ones are dropped. */
  public void restore() {
    closeAll();
    cut = false;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        open.add(client);
        if (!cut) {
          forward(client);
        }
      } catch (IOException e) {
        if (!closed) {
          // One failed connection is the client's problem; keep serving the others.
          continue;
        }
        return;
      }
    }
  }

  private void forward(Socket client) throws IOException {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 2000);
    } catch (IOException e) {
      client.close();
      return;
    }
    open.add(upstream);
    pipe(client, upstream);
    pipe(upstream, client);
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // The other side went away, or cut() closed it: end both directions.
              } finally {
                quietly(from);
                quietly(to);
              }
            },
            "tcp-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private void closeAll() {
    for (Socket socket : open) {
      quietly(socket);
    }
    open.clear();
  }

  private static void quietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a socket that is already gone
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    closeAll();
  }
}
