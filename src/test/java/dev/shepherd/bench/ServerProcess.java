package dev.shepherd.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in a JVM of its own: Shepherd as {@code java -jar target/shepherd.jar serve},
 * or the bare Bolt app. Knows how long it took from the process start to its first {@code /readyz}
 * 200, and reads its resident memory from {@code /proc}.
 */
final class ServerProcess implements AutoCloseable {
  final String name;
  final Process process;
  final int port;
  final Duration startUp;
  final Path log;

  private ServerProcess(String name, Process process, int port, Duration startUp, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.startUp = startUp;
    this.log = log;
  }

  /** Starts {@code command} with the environment (plus PORT) and waits for /readyz to say 200. */
  static ServerProcess start(
      String name, List<String> command, Map<String, String> env, Path workDir, Path log)
      throws IOException, InterruptedException {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("PORT", String.valueOf(port));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(1))
            .GET()
            .build();
    long start = System.nanoTime();
    Process process = builder.start();
    long deadline = start + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with "
                + process.exitValue()
                + " before it was"
                + " ready; its output:\n"
                + Files.readString(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new ServerProcess(
              name, process, port, Duration.ofNanos(System.nanoTime() - start), log);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        name + " was not ready within 60 s; its output:\n" + Files.readString(log));
  }

  static List<String> java(List<String> jvmOptions, String... rest) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of(rest));
    return command;
  }

  URI events() {
    return URI.create("http://127.0.0.1:" + port + "/slack/events");
  }

  /** Peak resident memory so far (VmHWM), in MiB. */
  double peakRssMiB() throws IOException {
    return status("VmHWM:");
  }

  /** Resident memory now (VmRSS), in MiB. */
  double rssMiB() throws IOException {
    return status("VmRSS:");
  }

  /** CPU seconds the process used so far (user + system), from /proc/PID/stat. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / 100.0;
  }

  private double status(String field) throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024.0;
      }
    }
    throw new IOException("no " + field + " in /proc/" + process.pid() + "/status");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
