package dev.shepherd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.SignedRequests;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SHEPHERD_MANAGEMENT_PORT} moves {@code /metrics} and {@code /readyz} to a port of their
 * own, which the chart keeps inside the cluster; the public port serves Slack and {@code /healthz}.
 */
class ManagementPortTest {
  @TempDir Path folder;

  @Test
  void withAManagementPortMetricsAndReadinessLeaveThePublicPort() throws Exception {
    int management = freePort();
    try (ServedShepherd served =
        new ServedShepherd(
            folder, Map.of("SHEPHERD_MANAGEMENT_PORT", String.valueOf(management)))) {
      HttpResponse<String> command =
          served.requests.post(ServedShepherd.command("help"), SignedRequests.now());

      assertThat(command.statusCode()).isEqualTo(200);
      assertThat(served.get("/healthz")).isEqualTo("200 ok");
      assertThat(served.get("/metrics")).startsWith("404");
      assertThat(served.get("/readyz")).startsWith("404");
      assertThat(served.get(management, "/readyz")).isEqualTo("200 ready");
      assertThat(served.get(management, "/healthz")).isEqualTo("200 ok");
      assertThat(served.get(management, "/metrics"))
          .startsWith("200 ")
          .contains("# TYPE hikaricp_connections gauge");
      assertThat(served.get(management, "/slack/events")).startsWith("404");
    }
  }

  @Test
  void withoutOneEverythingStaysOnThePublicPort() throws Exception {
    try (ServedShepherd served = new ServedShepherd(folder)) {
      assertThat(served.get("/healthz")).isEqualTo("200 ok");
      assertThat(served.get("/readyz")).isEqualTo("200 ready");
      assertThat(served.get("/metrics"))
          .startsWith("200 ")
          .contains("# TYPE hikaricp_connections gauge");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
