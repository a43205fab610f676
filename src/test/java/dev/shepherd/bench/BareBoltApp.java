package dev.shepherd.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The floor Shepherd's ack latency is measured against: bolt-java on Jetty 12 with the same thread
 * pool Shepherd's {@code HttpServer} uses, a {@code /rollout} handler and a block-action handler
 * that only ack, and Bolt's default middleware (signature check, single-workspace authorization
 * against the same fake Slack). Run in a process of its own by {@link PerformanceBenchmark}; prints
 * {@code listening on PORT} when it serves.
 *
 * <p>Environment: {@code SLACK_SIGNING_SECRET}, {@code SLACK_BOT_TOKEN}, {@code SLACK_API_URL},
 * {@code PORT} (0 for any).
 */
public final class BareBoltApp {
  private BareBoltApp() {}

  public static void main(String[] args) throws Exception {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(System.getenv("SLACK_API_URL"));
    Slack slack = Slack.getInstance(slackConfig);
    App app =
        new App(
            AppConfig.builder()
                .singleTeamBotToken(System.getenv("SLACK_BOT_TOKEN"))
                .signingSecret(System.getenv("SLACK_SIGNING_SECRET"))
                .slack(slack)
                .build());
    app.command("/rollout", (request, context) -> context.ack());
    app.blockAction(Pattern.compile("^shepherd\\..+$"), (request, context) -> context.ack());

    QueuedThreadPool threads = new QueuedThreadPool(64, 8);
    threads.setName("bolt-http");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("slack", new SlackAppServlet(app)), "/slack/events");
    context.addServlet(
        new ServletHolder(
            "readyz",
            new HttpServlet() {
              @Override
              protected void doGet(HttpServletRequest request, HttpServletResponse response)
                  throws IOException {
                response.setStatus(200);
                response.getWriter().write("ready\n");
              }
            }),
        "/readyz");
    server.setHandler(context);
    server.start();
    System.out.println("listening on " + connector.getLocalPort());
    System.out.flush();
    server.join();
  }
}
