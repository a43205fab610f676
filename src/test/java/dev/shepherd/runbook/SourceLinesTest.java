package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceLinesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "a\n",
        "\n",
        "\r",
        "\r\n",
        "a\r\nb\rc\nd",
        "a\n\n\r\n\r\rb",
        "\r\r\n\n",
        "x\r",
        "line one\nline two\n",
        "\uFEFFbom\r\n"
      })
  void splitsLikeTheRegularExpressionItReplaces(String text) {
    assertThat(SourceLines.split(text)).containsExactly(text.split("\r\n|\r|\n", -1));
  }
}
