package dev.shepherd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.audit.AuditKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the record's keys come from: the variables, else a key file serve makes once. */
class AuditKeyReaderTest {
  private static final String CURRENT = "current-key-0123456789abcdefghijklmnop";
  private static final String RETIRED = "retired-key-0123456789abcdefghijklmnop";

  @TempDir Path data;

  @Test
  void serveGeneratesAKeyFileBesideTheDatabaseOnceAndOnlyItsOwnerMayReadIt() throws Exception {
    AuditKeyReader.Found first = AuditKeyReader.forServe(Map.of(), data);
    AuditKeyReader.Found again = AuditKeyReader.forServe(Map.of(), data);

    Path file = data.resolve("audit.key");
    assertThat(first.generated()).isTrue();
    assertThat(first.source()).isEqualTo(file.toString());
    assertThat(again.generated()).isFalse();
    assertThat(again.keys().current().id()).isEqualTo(first.keys().current().id());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.list(data)).containsExactly(file);
  }

  @Test
  void theVariableWinsAndRetiredKeysStillCheck() {
    AuditKeyReader.Found found =
        AuditKeyReader.forServe(
            Map.of("SHEPHERD_AUDIT_KEY", CURRENT, "SHEPHERD_AUDIT_OLD_KEYS", " " + RETIRED + " ,"),
            data);

    assertThat(found.source()).isEqualTo("SHEPHERD_AUDIT_KEY");
    assertThat(found.keys().current().id()).isEqualTo(AuditKey.of(CURRENT).id());
    assertThat(found.keys().byId(AuditKey.of(RETIRED).id())).isPresent();
    assertThat(data.resolve("audit.key")).doesNotExist();
  }

  @Test
  void theKeyFilesLastLineSignsAndTheOthersCheck() throws Exception {
    Path file = data.resolve("keys");
    Files.writeString(file, "# rotated 2026-12-01\n" + RETIRED + "\n\n" + CURRENT + "\n");

    AuditKeyReader.Found found = AuditKeyReader.forCheck(Map.of(), data, Optional.of(file));

    assertThat(found.keys().current().id()).isEqualTo(AuditKey.of(CURRENT).id());
    assertThat(found.keys().byId(AuditKey.of(RETIRED).id())).isPresent();
  }

  @Test
  void aCheckNeverMakesUpAKey() {
    assertThatThrownBy(() -> AuditKeyReader.forCheck(Map.of(), data, Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "no audit key to check the record with: set SHEPHERD_AUDIT_KEY (and"
                + " SHEPHERD_AUDIT_OLD_KEYS) as serve has them, or point --audit-key-file or"
                + " SHEPHERD_AUDIT_KEY_FILE at serve's key file (not found at "
                + data.resolve("audit.key")
                + ")");
    assertThat(data.resolve("audit.key")).doesNotExist();
  }

  @Test
  void aShortKeyIsRefusedSayingHowToMakeOne() {
    assertThatThrownBy(() -> AuditKeyReader.forServe(Map.of("SHEPHERD_AUDIT_KEY", "hunter2"), data))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "SHEPHERD_AUDIT_KEY or SHEPHERD_AUDIT_OLD_KEYS: an audit key must be at least 32"
                + " characters (it has 7): generate one with `openssl rand -base64 32`");
  }
}
