package dev.shepherd.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreeTextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ping @U0ALICE now | ping @\u2060U0ALICE now",
        "@here and @channel | @\u2060here and @\u2060channel",
        "see #C0DEPLOYS | see #\u2060C0DEPLOYS",
        "mail ops@example.com | mail ops@\u2060example.com",
        "no marks at all | no marks at all",
        "a lone @ and # | a lone @ and #"
      })
  void mentionLikeTextIsMadeInert(String written, String shown) {
    assertThat(FreeText.inert(written)).isEqualTo(shown);
  }
}
