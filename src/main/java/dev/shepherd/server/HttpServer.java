package dev.shepherd.server;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
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

  /**
   * @param notReady why Shepherd cannot serve requests now (empty when it can); asked on every
   *     {@code GET /readyz}, so it must answer within a second whatever the database does
   */
  public HttpServer(String host, int port, App app, String signingSecret,
      Supplier<Optional<String>> notReady) {
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
    context.addServlet(new ServletHolder("healthz", new Probe(Optional::empty, "ok")), "/healthz");
    context.addServlet(new ServletHolder("readyz", new Probe(notReady, "ready")), "/readyz");
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

  /** A probe: 200 with a word when nothing is wrong, 503 with what is wrong otherwise. */
  private static final class Probe extends HttpServlet {
    private final Supplier<Optional<String>> problem;
    private final String word;

    Probe(Supplier<Optional<String>> problem, String word) {
      this.problem = problem;
      this.word = word;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Optional<String> wrong = problem.get();
      response.setStatus(wrong.isEmpty() ? 200 : 503);
      response.setContentType("text/plain; charset=utf-8");
      response.getWriter().write(wrong.map(why -> "not " + word + ": " + why).orElse(word) + "\n");
    }
  }
}
