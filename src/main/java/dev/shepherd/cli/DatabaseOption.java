package dev.shepherd.cli;

import dev.shepherd.app.OfflineRecord;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which database {@code audit}, {@code propose} and {@code retro} read: {@code --db}, else {@code
 * SHEPHERD_DB_URL}, else the H2 file {@code serve} keeps under {@code SHEPHERD_DATA_DIR} (default
 * {@code ./data}). The password is read from {@code SHEPHERD_DB_PASSWORD} only, never from the
 * command line.
 */
final class DatabaseOption {
  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = "The database (default: SHEPHERD_DB_URL, else ./data/shepherd on H2).")
  String url;

  @Option(names = "--db-user", paramLabel = "USER", description = "Default: SHEPHERD_DB_USER.")
  String user;

  /** Opens the record, or says what to set. */
  OfflineRecord open(Map<String, String> env) {
    return OfflineRecord.open(url, user, env);
  }
}
