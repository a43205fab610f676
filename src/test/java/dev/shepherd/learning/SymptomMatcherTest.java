package dev.shepherd.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.learning.finding.SymptomMatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymptomMatcherTest {

  @ParameterizedTest(name = "\"{0}\" is \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        // an error pasted: the row's code span is there, whatever else is around it
        "the API said Rate exceeded after 40 calls | `Rate exceeded` from the AWS API",
        "Error: `ThrottlingException: Rate exceeded` | Rate exceeded (`Rate exceeded`)",
        // the symptom's code span is in the row's words
        "deploy printed `AccessDenied` | AccessDenied on describe-stacks",
        // said in other words: most of the row's content words, stemmed
        "connection refused on port 5432 | Connection refused",
        "pods stuck in Pending | Pods stay Pending",
        "the health check timed out | Health check times out",
        "OOMKilled pods after the deploy | Pods are OOMKilled",
        "HTTP 503 from the load balancer | Load balancer answers 503",
      })
  void matches(String seen, String row) {
    assertThat(SymptomMatcher.matches(seen, row)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" is not \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        // one shared word is not a match
        "Rate exceeded | Rate limit reached",
        "connection reset by peer | Connection refused",
        "pods stuck in Pending | ImagePullBackOff on new pods",
        // the numbers disagree: a 503 is not a 504, port 5432 is not 6379
        "HTTP 504 from the load balancer | Load balancer answers 503",
        "connection refused on 6379 | connection refused on 5432",
        "curl got `ERROR` 503 from the gateway | `ERROR` 504 gateway timeout",
        // a code span must be whole: exit 1 is not in exit 137
        "`exit 1` from the job | `exit 137` from the job runner",
        "`ErrImagePull` | `ImagePullBackOff`",
        // stop words alone share nothing
        "it is what it is | it was not there",
      })
  void nearMissesDoNotMatch(String seen, String row) {
    assertThat(SymptomMatcher.matches(seen, row)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void blankNeverMatches() {
    assertThat(SymptomMatcher.matches("", "Connection refused")).isFalse();
    assertThat(SymptomMatcher.matches("Connection refused", " ")).isFalse();
  }
}
