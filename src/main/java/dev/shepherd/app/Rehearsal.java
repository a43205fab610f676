package dev.shepherd.app;

import dev.shepherd.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Shepherd started for a rehearsal: the sandbox's stand-in for Slack, and Shepherd built as {@code
 * serve} builds it, on loopback, through {@link ShepherdApp.Builder#rehearsal}.
 */
public final class Rehearsal implements AutoCloseable {
  private final Sandbox sandbox;

  private Rehearsal(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /**
   * Starts it on {@code port} (0 for any) of this machine's loopback, keeping data in {@code data}
   * (a temporary folder when empty); {@code options} adds what the command line chose (config,
   * runbooks).
   */
  public static Rehearsal start(
      int port,
      Optional<Path> data,
      Map<String, String> env,
      UnaryOperator<ShepherdApp.Builder> options)
      throws Exception {
    return start(Sandbox.LOOPBACK, port, data, env, options);
  }

  /**
   * Starts it on {@code host}: this machine's loopback, unless the person starting it widened it on
   * purpose ({@link #notices} then warns).
   */
  public static Rehearsal start(
      String host,
      int port,
      Optional<Path> data,
      Map<String, String> env,
      UnaryOperator<ShepherdApp.Builder> options)
      throws Exception {
    return new Rehearsal(
        Sandbox.start(
            new Sandbox.Options(host, port, data),
            env,
            rehearsal -> options.apply(ShepherdApp.builder().rehearsal(rehearsal)).start()));
  }

  /** The page to open, with this run's token. */
  public String url() {
    return sandbox.url();
  }

  /** Lines to print under the link: a widened host, what a rehearsal leaves out. */
  public List<String> notices() {
    return sandbox.notices();
  }

  /** Where the database (and, for a given folder, the channel) is kept. */
  public Path data() {
    return sandbox.data();
  }

  /** Whether {@link #data} is deleted at close. */
  public boolean temporary() {
    return sandbox.temporary();
  }

  public void join() throws InterruptedException {
    sandbox.join();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
