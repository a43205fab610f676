package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokensTest {
  @ParameterizedTest(name = "{1} in \"{0}\": {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      --region us-east-2                          | us-east-2    | true
      --region us-east-2.                         | us-east-2    | true
      (us-east-2)                                 | us-east-2    | true
      us-east-2                                   | us-east-2    | true
      --region us-east-22                         | us-east-2    | false
      --region xus-east-2                         | us-east-2    | false
      x-us-east-2                                 | us-east-2    | false
      us-east-2_b                                 | us-east-2    | false
      ec2.us-east-2.amazonaws.com                 | us-east-2    | false
      op://Arda-DevOAM/gh-token/credential        | Arda-DevOAM  | true
      op://Arda-DevOAM2/gh-token/credential       | Arda-DevOAM  | false
      arn:aws:iam::111111111111:role/ops          | 111111111111 | true
      arn:aws:iam::1111111111112:role/ops         | 111111111111 | false
      "111111111111"                              | 111111111111 | true
      `us-east-2`                                 | us-east-2    | true
      """)
  void matchesWholeTokensOnly(String text, String value, boolean expected) {
    assertThat(Tokens.contains(text, value)).isEqualTo(expected);
  }
}
