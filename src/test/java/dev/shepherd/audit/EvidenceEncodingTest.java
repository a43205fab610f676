package dev.shepherd.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Evidence is stored and hashed as one lossless text, and the first, lossy one still reads. */
class EvidenceEncodingTest {
  @Test
  void everyCharacterAPersonSharedReadsBack() {
    List<Evidence> shared =
        List.of(
            Evidence.file("drift\treport\r\nfinal \\t not a tab.txt", "https://files/F1?a=b\tc"),
            Evidence.link("https://ci.example.com/run/7"),
            Evidence.file("", ""));

    String stored = Evidence.encode(shared);

    assertThat(Evidence.decode(stored)).isEqualTo(shared);
    assertThat(stored)
        .isEqualTo(
            "#v2\n"
                + "file\tdrift\\treport\\r\\nfinal \\\\t not a tab.txt\thttps://files/F1?a=b\\tc\n"
                + "link\thttps://ci.example.com/run/7\n"
                + "file\t\t");
  }

  @Test
  void noEvidenceIsNoText() {
    assertThat(Evidence.encode(List.of())).isEmpty();
    assertThat(Evidence.decode("")).isEmpty();
    assertThat(Evidence.decode(null)).isEmpty();
  }

  @Test
  void theFirstEncodingReadsAsItWasKept() {
    assertThat(Evidence.decode("link\thttps://a\nfile\tdrift report.txt\thttps://f\\x"))
        .containsExactly(
            Evidence.link("https://a"), Evidence.file("drift report.txt", "https://f\\x"));
  }
}
