package dev.shepherd.app;

import dev.shepherd.sandbox.Sandbox;
import java.nio.file.Path;
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
   * Starts it on {@code port} (0 for any), keeping data in {@code data} (a temporary folder when
   * empty); {@code options} adds what the command line chose (config, runbooks).
   */
  public static Rehearsal start(
      int port,
      Optional<Path> data,
      Map<String, String> env,
      UnaryOperator<ShepherdApp.Builder> options)
      throws Exception {
    return new Rehearsal(
        Sandbox.start(
            new Sandbox.Options(port, data),
            env,
            rehearsal -> options.apply(ShepherdApp.builder().rehearsal(rehearsal)).start()));
  }

  /** The page to open. */
  public String url() {
    return sandbox.url();
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
