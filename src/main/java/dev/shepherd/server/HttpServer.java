package dev.shepherd.server;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty serving {@code POST /slack/events} (Bolt), {@code GET /healthz} (the process is up) and
 * {@code GET /readyz} (the database answers and runbooks are loaded).
 */
public final class HttpServer implements AutoCloseable {
  private final Server server;
  private final ServletContextHandler context;

  public HttpServer(String host, int port, App app, String signingSecret, BooleanSupplier ready) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 8);
    threads.setName("shepherd-http");
    this.server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    this.context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("slack", new SlackEventsServlet(new SlackAppServlet(app),
        signingSecret, Clock.systemUTC())), "/slack/events");
    context.addServlet(new ServletHolder("healthz", new Probe(() -> true, "ok")), "/healthz");
    context.addServlet(new ServletHolder("readyz", new Probe(ready, "ready")), "/readyz");
    server.setHandler(context);
    server.setStopAtShutdown(false);
  }

  /** Adds a filter before start (the ack timer). */
  public void addFilter(String path, jakarta.servlet.Filter filter) {
    context.addFilter(new org.eclipse.jetty.ee10.servlet.FilterHolder(filter), path,
        java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
  }

  /** Adds a servlet before start (metrics, the sandbox's pages). */
  public void addServlet(String path, HttpServlet servlet) {
    context.addServlet(new ServletHolder(servlet), path);
  }

  public HttpServer start() throws Exception {
    server.start();
    return this;
  }

  /** The port it listens on (the real one when 0 was asked). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** A probe: 200 with a word when the check holds, 503 otherwise. */
  private static final class Probe extends HttpServlet {
    private final BooleanSupplier check;
    private final String word;

    Probe(BooleanSupplier check, String word) {
      this.check = check;
      this.word = word;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      boolean ok = check.getAsBoolean();
      response.setStatus(ok ? 200 : 503);
      response.setContentType("text/plain; charset=utf-8");
      response.getWriter().write(ok ? word + "\n" : "not " + word + "\n");
    }
  }
}
