package dev.shepherd.cli;

import dev.shepherd.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which database {@code audit} reads: {@code --db}, else {@code SHEPHERD_DB_URL}, else the H2 file
 * {@code serve} keeps under {@code SHEPHERD_DATA_DIR} (default {@code ./data}). The password is
 * read from {@code SHEPHERD_DB_PASSWORD} only, never from the command line.
 */
final class AuditDatabase {
  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = "The database (default: SHEPHERD_DB_URL, else ./data/shepherd on H2).")
  String url;

  @Option(names = "--db-user", paramLabel = "USER", description = "Default: SHEPHERD_DB_USER.")
  String user;

  /** Opens the database, or says what to set. */
  Database open(Map<String, String> env) {
    String jdbc =
        Optional.ofNullable(url)
            .or(() -> value(env, "SHEPHERD_DB_URL"))
            .orElseGet(
                () ->
                    "jdbc:h2:file:"
                        + Path.of(value(env, "SHEPHERD_DATA_DIR").orElse("data"))
                            .toAbsolutePath()
                            .normalize()
                            .resolve("shepherd"));
    if (jdbc.startsWith("jdbc:h2:file:")) {
      // An H2 URL to no file would create an empty database, which verifies clean: say so instead.
      Path file = Path.of(jdbc.substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db");
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(
            "no Shepherd database at "
                + file
                + ": point --db or SHEPHERD_DB_URL at the one serve uses");
      }
    }
    return Database.open(
        jdbc,
        Optional.ofNullable(user).or(() -> value(env, "SHEPHERD_DB_USER")).orElse(""),
        value(env, "SHEPHERD_DB_PASSWORD").orElse(""),
        null);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
