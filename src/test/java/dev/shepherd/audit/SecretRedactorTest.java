package dev.shepherd.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "slack token | token xoxp-1111111111-2222222222-abcdefABCDEF here | xoxp-1111111111-2222222222-abcdefABCDEF",
        "slack token | app xapp-1-A0123-4567-abcdef0123456789 | xapp-1-A0123-4567-abcdef0123456789",
        "aws access key | key AKIAIOSFODNN7EXAMPLE used | AKIAIOSFODNN7EXAMPLE",
        "github token | ghp_abcdefghijklmnopqrstuvwxyz0123456789 | ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "bearer token | Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig | eyJhbGciOiJIUzI1NiJ9.payload.sig",
        "secret value | db password=hunter2hunter2 then | hunter2hunter2",
      })
  void eachKindIsReplacedByItsHash(String kind, String text, String secret) {
    String redacted = SecretRedactor.redact(text);

    assertThat(redacted)
        .doesNotContain(secret)
        .contains("[redacted " + kind + " sha256:" + SecretRedactor.hash(secret) + "]");
  }

  @Test
  void aPrivateKeyBlockIsRedactedWhole() {
    String key =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
            + "-----END OPENSSH PRIVATE KEY-----";

    assertThat(SecretRedactor.redact("pasted:\n" + key + "\noops"))
        .isEqualTo("pasted:\n[redacted private key sha256:" + SecretRedactor.hash(key) + "]\noops");
  }

  @Test
  void ordinaryNotesAreKeptAsWritten() {
    String note = "ran the drift check, password rotation is next week; see INC-42";

    assertThat(SecretRedactor.redact(note)).isEqualTo(note);
  }

  @Test
  @Timeout(5)
  void hostileTextCostsLinearTime() {
    String hostile =
        "-----BEGIN RSA PRIVATE KEY-----"
            + "x".repeat(200_000)
            + " password="
            + "y".repeat(100_000);

    assertThat(SecretRedactor.redact(hostile)).isNotNull();
  }
}
