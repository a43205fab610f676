package dev.shepherd.server;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty serving {@code POST /slack/events} (Bolt), {@code GET /healthz} (the process is up) and
 * {@code GET /readyz} (every {@link ReadinessCheck} holds: the database answers, the Socket Mode
 * connection is open). Bodies of {@code /slack/events} are read within {@link HttpLimits} before a
 * thread waits for them, so slow or large requests cannot starve the probes or Slack.
 */
public final class HttpServer implements AutoCloseable {
  private static final String EVENTS = "/slack/events";
  private final Server server;
  private final ServletContextHandler context;

  /**
   * @param signingSecret empty in Socket Mode without one: then every HTTP request is refused
   * @param ready what {@code /readyz} waits for, in the order its body lists them
   */
  public HttpServer(
      String host, int port, App app, String signingSecret, List<ReadinessCheck> ready) {
    this(host, port, app, signingSecret, ready, HttpLimits.DEFAULT);
  }

  HttpServer(
      String host,
      int port,
      App app,
      String signingSecret,
      List<ReadinessCheck> ready,
      HttpLimits limits) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 8);
    threads.setName("shepherd-http");
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    this.context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(
        new ServletHolder(
            "slack",
            new SlackEventsServlet(new SlackAppServlet(app), signingSecret, Clock.systemUTC())),
        EVENTS);
    context.addServlet(new ServletHolder("healthz", new Probe(List.of(), "ok")), "/healthz");
    context.addServlet(
        new ServletHolder("readyz", new Probe(List.copyOf(ready), "ready")), "/readyz");
    // Bodies of /slack/events are read before a thread waits for them (see BodyFirstHandler).
    server.setHandler(new BodyFirstHandler(context, EVENTS, limits));
    server.setStopAtShutdown(false);
  }

  /** Adds a filter before start (the ack timer). */
  public void addFilter(String path, jakarta.servlet.Filter filter) {
    context.addFilter(
        new org.eclipse.jetty.ee10.servlet.FilterHolder(filter),
        path,
        EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
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

  /** A probe: 200 with a word when every check holds, 503 with each failing one's reason. */
  private static final class Probe extends HttpServlet {
    private final List<ReadinessCheck> checks;
    private final String word;

    Probe(List<ReadinessCheck> checks, String word) {
      this.checks = checks;
      this.word = word;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      StringBuilder failing = new StringBuilder();
      for (ReadinessCheck check : checks) {
        check
            .problem()
            .ifPresent(p -> failing.append(check.name()).append(": ").append(p).append('\n'));
      }
      boolean ok = failing.isEmpty();
      response.setStatus(ok ? 200 : 503);
      response.setContentType("text/plain; charset=utf-8");
      response.getWriter().write(ok ? word + "\n" : "not " + word + "\n" + failing);
    }
  }
}
