package dev.shepherd.testing;

import dev.shepherd.app.ShepherdApp;
import java.nio.file.Path;
import java.util.Map;

/**
 * Shepherd in a JVM of its own, for tests that kill it with SIGKILL: {@code FOLDER DB_URL
 * SLACK_API_URL} starts it on the folder's {@code shepherd.yaml} and {@code runbooks}, prints
 * {@code PORT <port>}, and runs until killed. Not a test.
 */
public final class ShepherdChild {
  private ShepherdChild() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    ShepherdApp shepherd =
        ShepherdUnderTest.configure(ShepherdApp.builder(), folder, args[2], args[1], Map.of())
            .start();
    System.out.println("PORT " + shepherd.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // kept: runs until the test kills it
  }
}
