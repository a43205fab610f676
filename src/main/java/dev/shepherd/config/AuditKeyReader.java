package dev.shepherd.config;

import dev.shepherd.audit.AuditKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the record's keys come from, outside the database: {@code SHEPHERD_AUDIT_KEY} (the current
 * secret) with {@code SHEPHERD_AUDIT_OLD_KEYS} (retired ones, comma-separated), else the key file
 * ({@code SHEPHERD_AUDIT_KEY_FILE}, default {@code audit.key} in the data directory): one secret a
 * line, the last one current. {@code serve} generates the file when neither is there; the checking
 * commands never do, since a key made up on the spot proves nothing.
 */
public final class AuditKeyReader {
  /** The key file's name in the data directory, beside (not in) the embedded database. */
  public static final String FILE_NAME = "audit.key";

  private AuditKeyReader() {}

  /** Where a key came from, for the start-up log and the docs' words. */
  public record Found(AuditKeys keys, String source, boolean generated) {}

  /** The keys {@code serve} signs with: the variables, else the file, generated when missing. */
  public static Found forServe(Map<String, String> env, Path dataDir) {
    Optional<Found> fromEnv = fromEnvironment(env);
    if (fromEnv.isPresent()) {
      return fromEnv.get();
    }
    Path file = file(env, dataDir);
    boolean generated = false;
    if (!Files.exists(file)) {
      generate(file);
      generated = true;
    }
    return new Found(read(file), file.toString(), generated);
  }

  /**
   * The keys a check reads with: {@code file} when given, else the variables, else the key file;
   * what to set when there is none.
   */
  public static Found forCheck(Map<String, String> env, Path dataDir, Optional<Path> file) {
    if (file.isPresent()) {
      return new Found(read(file.get()), file.get().toString(), false);
    }
    Optional<Found> fromEnv = fromEnvironment(env);
    if (fromEnv.isPresent()) {
      return fromEnv.get();
    }
    Path path = file(env, dataDir);
    if (!Files.exists(path)) {
      throw new ConfigException(
          "no audit key to check the record with: set SHEPHERD_AUDIT_KEY (and"
              + " SHEPHERD_AUDIT_OLD_KEYS) as serve has them, or point --audit-key-file or"
              + " SHEPHERD_AUDIT_KEY_FILE at serve's key file (not found at "
              + path
              + ")");
    }
    return new Found(read(path), path.toString(), false);
  }

  private static Optional<Found> fromEnvironment(Map<String, String> env) {
    Optional<String> current = value(env, "SHEPHERD_AUDIT_KEY");
    if (current.isEmpty()) {
      if (value(env, "SHEPHERD_AUDIT_OLD_KEYS").isPresent()) {
        throw new ConfigException(
            "SHEPHERD_AUDIT_OLD_KEYS is set but SHEPHERD_AUDIT_KEY is not: set the current key too");
      }
      return Optional.empty();
    }
    List<String> old =
        value(env, "SHEPHERD_AUDIT_OLD_KEYS")
            .map(text -> Arrays.stream(text.split(",")).map(String::strip))
            .map(s -> s.filter(k -> !k.isEmpty()).toList())
            .orElse(List.of());
    try {
      return Optional.of(new Found(AuditKeys.of(current.get(), old), "SHEPHERD_AUDIT_KEY", false));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("SHEPHERD_AUDIT_KEY or SHEPHERD_AUDIT_OLD_KEYS: " + e.getMessage());
    }
  }

  private static Path file(Map<String, String> env, Path dataDir) {
    return value(env, "SHEPHERD_AUDIT_KEY_FILE").map(Path::of).orElse(dataDir.resolve(FILE_NAME));
  }

  static AuditKeys read(Path file) {
    List<String> secrets;
    try {
      secrets =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .toList();
    } catch (IOException e) {
      throw new ConfigException("cannot read the audit key file " + file + ": " + e.getMessage());
    }
    if (secrets.isEmpty()) {
      throw new ConfigException(
          "the audit key file " + file + " holds no key: one secret a line, the last one current");
    }
    try {
      return AuditKeys.of(secrets.get(secrets.size() - 1), secrets.subList(0, secrets.size() - 1));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("the audit key file " + file + ": " + e.getMessage());
    }
  }

  private static void generate(Path file) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String text =
        "# Shepherd's audit key: signs the record. Keep it, and a copy outside this machine;"
            + " without it audit verify cannot check the record. Rotate by adding a new last line.\n"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(secret)
            + "\n";
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path draft;
      try {
        draft =
            Files.createTempFile(
                dir,
                FILE_NAME,
                ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        draft = Files.createTempFile(dir, FILE_NAME, ".new");
      }
      Files.writeString(draft, text, StandardCharsets.UTF_8);
      try {
        // Whole or not at all: a replica reading at the same moment never sees half a key.
        Files.move(draft, file);
      } catch (FileAlreadyExistsException e) {
        // Another replica on the same volume made it first: use theirs.
        Files.delete(draft);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit key file " + file, e);
    }
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
