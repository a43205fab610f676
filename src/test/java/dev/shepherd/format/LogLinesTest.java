package dev.shepherd.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLinesTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          dev                       | dev                         | plain text is kept
          'dev\\n'                  | 'dev\\\\n'                  | a backslash is doubled
          """)
  void escapesWhatCouldForgeOrHideALine(String input, String expected, String why) {
    assertThat(LogLines.escaped(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "U+{0}")
  @CsvSource({
    "000D, \\r",
    "000A, \\n",
    "0009, \\t",
    "0000, \\u0000",
    "001B, \\u001B",
    "007F, \\u007F",
    "0085, \\u0085",
    "009B, \\u009B",
    "2028, \\u2028",
    "2029, \\u2029",
    "202E, \\u202E",
    "2066, \\u2066",
  })
  void controlCharactersAreWrittenAsEscapes(String codePoint, String expected) {
    String c = Character.toString(Integer.parseInt(codePoint, 16));

    assertThat(LogLines.escaped("a" + c + "b")).isEqualTo("a" + expected + "b");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"é", "日本", "🚀", "'dev prod'"})
  void printableTextIsKept(String text) {
    assertThat(LogLines.escaped(text)).isEqualTo(text);
  }
}
