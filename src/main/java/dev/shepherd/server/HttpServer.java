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
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty serving {@code POST /slack/events} (Bolt), {@code GET /healthz} (the process is up) and
 * {@code GET /readyz} (every {@link ReadinessCheck} holds: the database answers, the Socket Mode
 * connection is open). With a management port, {@code /readyz} and what {@link
 * #addManagementServlet} adds ({@code /metrics}) are served there instead, with {@code /healthz} on
 * both, so the public port answers Slack and the liveness probe only. Bodies of {@code
 * /slack/events} are read within {@link HttpLimits} before a thread waits for them, so slow or
 * large requests cannot starve the probes or Slack.
 */
public final class HttpServer implements AutoCloseable {
  private static final String EVENTS = "/slack/events";
  private static final String PUBLIC = "public";
  private static final String MANAGEMENT = "management";
  private final Server server;
  private final ServletContextHandler context;
  private final ServletContextHandler management;

  /**
   * @param signingSecret empty in Socket Mode without one: then every HTTP request is refused
   * @param ready what {@code /readyz} waits for, in the order its body lists them
   */
  public HttpServer(
      String host, int port, App app, String signingSecret, List<ReadinessCheck> ready) {
    this(host, port, Optional.empty(), app, signingSecret, ready);
  }

  /**
   * @param managementPort where {@code /readyz} and {@code /metrics} go instead, when present (0
   *     for any free port)
   */
  public HttpServer(
      String host,
      int port,
      Optional<Integer> managementPort,
      App app,
      String signingSecret,
      List<ReadinessCheck> ready) {
    this(host, port, managementPort, app, signingSecret, ready, HttpLimits.DEFAULT);
  }

  HttpServer(
      String host,
      int port,
      App app,
      String signingSecret,
      List<ReadinessCheck> ready,
      HttpLimits limits) {
    this(host, port, Optional.empty(), app, signingSecret, ready, limits);
  }

  HttpServer(
      String host,
      int port,
      Optional<Integer> managementPort,
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
    server.addConnector(connector(PUBLIC, host, port, http));
    this.context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(
        new ServletHolder(
            "slack",
            new SlackEventsServlet(new SlackAppServlet(app), signingSecret, Clock.systemUTC())),
        EVENTS);
    context.addServlet(new ServletHolder("healthz", new Probe(List.of(), "ok")), "/healthz");
    Probe readyz = new Probe(List.copyOf(ready), "ready");
    if (managementPort.isPresent()) {
      server.addConnector(connector(MANAGEMENT, host, managementPort.get(), http));
      context.setVirtualHosts(List.of("@" + PUBLIC));
      this.management = new ServletContextHandler();
      management.setContextPath("/");
      management.setVirtualHosts(List.of("@" + MANAGEMENT));
      management.addServlet(new ServletHolder("healthz", new Probe(List.of(), "ok")), "/healthz");
      management.addServlet(new ServletHolder("readyz", readyz), "/readyz");
    } else {
      this.management = context;
      context.addServlet(new ServletHolder("readyz", readyz), "/readyz");
    }
    Handler contexts =
        management == context ? context : new ContextHandlerCollection(context, management);
    // Bodies of /slack/events are read before a thread waits for them (see BodyFirstHandler).
    server.setHandler(new BodyFirstHandler(contexts, EVENTS, limits));
    server.setStopAtShutdown(false);
  }

  private ServerConnector connector(String name, String host, int port, HttpConfiguration http) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setName(name);
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** Adds a filter before start (the ack timer). */
  public void addFilter(String path, jakarta.servlet.Filter filter) {
    context.addFilter(
        new org.eclipse.jetty.ee10.servlet.FilterHolder(filter),
        path,
        EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
  }

  /** Adds a servlet to the public port before start (the sandbox's pages). */
  public void addServlet(String path, HttpServlet servlet) {
    context.addServlet(new ServletHolder(servlet), path);
  }

  /** Adds a servlet to the management port, or the public one without it ({@code /metrics}). */
  public void addManagementServlet(String path, HttpServlet servlet) {
    management.addServlet(new ServletHolder(servlet), path);
  }

  public HttpServer start() throws Exception {
    server.start();
    return this;
  }

  /** The public port it listens on (the real one when 0 was asked). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The management port, when there is one (the real one when 0 was asked). */
  public Optional<Integer> managementPort() {
    return server.getConnectors().length > 1
        ? Optional.of(((ServerConnector) server.getConnectors()[1]).getLocalPort())
        : Optional.empty();
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
