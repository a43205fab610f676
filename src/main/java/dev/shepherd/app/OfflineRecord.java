package dev.shepherd.app;

import dev.shepherd.audit.AuditKeys;
import dev.shepherd.audit.AuditReport;
import dev.shepherd.audit.AuditVerifier;
import dev.shepherd.audit.WitnessCheck;
import dev.shepherd.config.AuditKeyReader;
import dev.shepherd.export.EvidencePack;
import dev.shepherd.learning.finding.FindingService;
import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.learning.retro.RetrospectiveDrafter;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.learning.writeback.Proposal;
import dev.shepherd.learning.writeback.ProposalWriter;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.source.UnifiedDiff;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcFindingStore;
import dev.shepherd.store.JdbcRolloutStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The record without Slack, for the command line ({@code audit}, {@code propose}, {@code retro}):
 * one database, and what reads it, built once. Closing closes the database.
 */
public final class OfflineRecord implements AutoCloseable {
  private final Database database;
  private final JdbcRolloutStore store;
  private final RecordReader records;

  private final Path dataDir;

  private OfflineRecord(Database database, Path dataDir) {
    this.database = database;
    this.dataDir = dataDir;
    this.store = JdbcRolloutStore.reading(database.dataSource());
    this.records = new RecordReader(store, new JdbcAuditLog(database.dataSource()));
  }

  /**
   * Opens the database {@code serve} uses: {@code url}, else {@code SHEPHERD_DB_URL}, else the H2
   * file under {@code SHEPHERD_DATA_DIR} (default {@code ./data}); the user likewise, the password
   * from {@code SHEPHERD_DB_PASSWORD} only. An H2 file that does not exist is refused (it would
   * verify clean, being empty) with what to set.
   */
  public static OfflineRecord open(String url, String user, Map<String, String> env) {
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
    Path dataDir = Path.of(value(env, "SHEPHERD_DATA_DIR").orElse("data"));
    if (jdbc.startsWith("jdbc:h2:file:")) {
      Path file = Path.of(jdbc.substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db");
      dataDir = file.toAbsolutePath().getParent();
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(
            "no Shepherd database at "
                + file
                + ": point --db or SHEPHERD_DB_URL at the one serve uses");
      }
    }
    return new OfflineRecord(
        Database.openAsMigrated(
            jdbc,
            Optional.ofNullable(user).or(() -> value(env, "SHEPHERD_DB_USER")).orElse(""),
            value(env, "SHEPHERD_DB_PASSWORD").orElse("")),
        dataDir);
  }

  /** Rollouts' records, for export. */
  public RecordReader records() {
    return records;
  }

  /**
   * The keys serve signs with: {@code file} when given, else {@code SHEPHERD_AUDIT_KEY} (with
   * {@code SHEPHERD_AUDIT_OLD_KEYS}), else the key file beside an H2 database file (or in {@code
   * SHEPHERD_DATA_DIR}); a {@link dev.shepherd.config.ConfigException} saying what to set when
   * there is none.
   */
  public AuditKeys keys(Optional<Path> file, Map<String, String> env) {
    return AuditKeyReader.forCheck(env, dataDir, file).keys();
  }

  /** The verifier of the whole record, checking with {@code keys}. */
  public AuditVerifier verifier(AuditKeys keys) {
    return new AuditVerifier(new JdbcAuditLog(database.reports()), keys);
  }

  /**
   * The evidence pack of a period: one document per change (on {@code partition} only, when given)
   * and an index, with what verify and the witness (when read) say of each.
   */
  public List<EvidencePack.Document> evidence(
      LocalDate from,
      LocalDate to,
      Optional<String> partition,
      Optional<WitnessCheck.Result> witnessed,
      AuditKeys keys) {
    Instant since = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant until = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    AuditReport verified = verifier(keys).verify();
    return EvidencePack.write(
        from,
        to,
        partition,
        new EvidenceGathering(store, records)
            .changes(since, until, partition, verified, witnessed));
  }

  /** The comparison of a witness's chain heads with the database's chains. */
  public WitnessCheck witnessCheck() {
    return new WitnessCheck(new JdbcAuditLog(database.reports()));
  }

  /** Every channel a rollout was posted in. */
  public List<String> channels() {
    return store.channels();
  }

  /**
   * The findings of a rollout: derived with the runbooks as {@code sources} has them, or read
   * through {@code learning} when a test gives its own.
   */
  public RolloutFindings findings(Sources sources, Optional<Learning> learning) {
    return learning
        .map(l -> l.findings().apply(database))
        .orElseGet(
            () ->
                FindingService.of(
                    store,
                    records,
                    new JdbcFindingStore(database.dataSource()),
                    sources.config().choreography(),
                    sources::catalog,
                    Clock.systemUTC()));
  }

  /** The proposal of a rollout over the configured source (with its branch when configured). */
  public ProposalWriter proposals(Sources sources, RolloutFindings findings) {
    return ProposalsWiring.of(sources, store, findings);
  }

  /**
   * Retrospectives from this database alone: the findings the record holds, the diff naming each
   * runbook by its path in the runbooks folder (no source is named here).
   */
  public Function<String, Optional<String>> retrospectives() {
    RolloutFindings findings =
        FindingService.fromDatabase(
            store, records, new JdbcFindingStore(database.dataSource()), Clock.systemUTC());
    ProposalWriter diffs =
        new ProposalWriter(store, findings, UnifiedDiff::of, path -> path, Optional.empty());
    return new RetrospectiveDrafter(
            records,
            new RunbookHistory(store),
            findings,
            id -> Optional.of(diffs.propose(id)).filter(p -> !p.isEmpty()).map(Proposal::diff))
        ::draft;
  }

  @Override
  public void close() {
    database.close();
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
