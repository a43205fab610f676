package dev.shepherd.learning.finding;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether what someone saw is what a troubleshooting row describes. Loose on purpose: people paste
 * an error (a code span names it exactly) or say it in their own words (most of the row's words are
 * there), but never on one shared word, and never when the numbers differ: a 503 is not a 504.
 */
public final class SymptomMatcher {
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "is", "are", "was", "were", "be", "been", "to", "of", "in", "on", "at",
          "for", "with", "and", "or", "it", "its", "this", "that", "from", "by", "as", "after",
          "when", "then", "but", "we", "i", "you", "our", "see", "saw", "seen", "shows", "showed",
          "got", "get", "gets", "there", "some", "any", "all", "into", "out", "up", "so", "if",
          "has", "have", "had", "says", "said");
  private static final int SHORTEST_SPAN = 3;
  private static final double SHARE = 0.6;

  private SymptomMatcher() {}

  public static boolean matches(String seen, String rowSymptom) {
    if (seen.isBlank() || rowSymptom.isBlank()) {
      return false;
    }
    Set<String> row = words(rowSymptom);
    Set<String> saw = words(seen);
    // Before anything else: however alike two errors read, a 503 is not a 504.
    if (numbersDisagree(row, saw)) {
      return false;
    }
    String seenFlat = flat(seen);
    String rowFlat = flat(rowSymptom);
    for (String span : spans(rowSymptom)) {
      if (contains(seenFlat, span)) {
        return true;
      }
    }
    for (String span : spans(seen)) {
      if (contains(rowFlat, span)) {
        return true;
      }
    }
    if (row.isEmpty() || saw.isEmpty()) {
      return false;
    }
    Set<String> shared = new LinkedHashSet<>(row);
    shared.retainAll(saw);
    int fewer = Math.min(row.size(), saw.size());
    return shared.size() >= 2 && shared.size() >= SHARE * fewer;
  }

  /** The content words, lower-cased and lightly stemmed, so "refused" meets "refuses". */
  static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String word = m.group();
      if (!STOP_WORDS.contains(word)) {
        words.add(stem(word));
      }
    }
    return words;
  }

  private static String stem(String word) {
    if (word.chars().anyMatch(Character::isDigit)) {
      return word;
    }
    for (String ending : new String[] {"ing", "ed", "es", "s"}) {
      if (word.length() > ending.length() + 3 && word.endsWith(ending)) {
        return word.substring(0, word.length() - ending.length());
      }
    }
    return word;
  }

  /** Both name numbers (status codes, ports, exit codes) and none of them is the same. */
  private static boolean numbersDisagree(Set<String> row, Set<String> saw) {
    Set<String> rowNumbers = numbers(row);
    Set<String> sawNumbers = numbers(saw);
    if (rowNumbers.isEmpty() || sawNumbers.isEmpty()) {
      return false;
    }
    rowNumbers.retainAll(sawNumbers);
    return rowNumbers.isEmpty();
  }

  private static Set<String> numbers(Set<String> words) {
    Set<String> numbers = new LinkedHashSet<>();
    words.stream().filter(w -> w.chars().anyMatch(Character::isDigit)).forEach(numbers::add);
    return numbers;
  }

  private static Set<String> spans(String text) {
    Set<String> spans = new LinkedHashSet<>();
    Matcher m = CODE_SPAN.matcher(text);
    while (m.find()) {
      String span = flat(m.group(1));
      if (span.length() >= SHORTEST_SPAN) {
        spans.add(span);
      }
    }
    return spans;
  }

  /** Whether the span is there as whole words: {@code exit 1} is not in {@code exit 137}. */
  private static boolean contains(String text, String span) {
    int at = text.indexOf(span);
    while (at >= 0) {
      int end = at + span.length();
      boolean startsWord = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      boolean endsWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (startsWord && endsWord) {
        return true;
      }
      at = text.indexOf(span, at + 1);
    }
    return false;
  }

  private static String flat(String text) {
    return text.replace("`", "").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }
}
