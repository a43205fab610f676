package dev.shepherd.testing;

import dev.shepherd.audit.AuditKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The audit key the tests' stores sign with, and a key file holding it for {@code audit verify
 * --audit-key-file}. A fixed secret: tests must agree with each other, not keep anything secret.
 */
public final class TestKeys {
  public static final String SECRET = "test-audit-key-0123456789-abcdefghijklmnop";

  public static final AuditKeys KEYS = AuditKeys.of(SECRET, List.of());

  private TestKeys() {}

  /** A key file holding {@link #SECRET}, deleted when the JVM exits. */
  public static Path file() {
    try {
      Path file = Files.createTempFile("shepherd-audit", ".key");
      Files.writeString(file, SECRET + "\n");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
