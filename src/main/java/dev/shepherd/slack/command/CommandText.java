package dev.shepherd.slack.command;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an operator typed after {@code /rollout}, split into words the way a shell would ("double
 * quotes" group words, including Slack's curly quotes), and read into one request.
 */
sealed interface CommandText {
  record Start(String partition, Optional<String> runbook, Optional<String> override)
      implements CommandText {}

  record Status() implements CommandText {}

  record ListRunbooks() implements CommandText {}

  record Abort(String partition) implements CommandText {}

  record Freeze(String partition, String reason) implements CommandText {}

  record Unfreeze(String partition) implements CommandText {}

  /** The incident switch: every partition at once. */
  record FreezeAll(String reason) implements CommandText {}

  record UnfreezeAll() implements CommandText {}

  record Help() implements CommandText {}

  /** The open findings of one runbook, or of all. */
  record Risks(Optional<String> runbook) implements CommandText {}

  record Schedule(String partition, String runbook, String when) implements CommandText {}

  record Unschedule(String partition) implements CommandText {}

  /** A runbook's figures from its history. */
  record Stats(String runbook) implements CommandText {}

  /** {@code /rollout evidence 2026-11-27}: the evidence of a day's changes, for an approver. */
  record Evidence(LocalDate day) implements CommandText {}

  /**
   * {@code /rollout redact <rollout-id> <#> <reason>}: a note, symptom or fix taken off the record,
   * by the number of its row in the export.
   */
  record Redact(String rolloutId, long acknowledgement, String reason) implements CommandText {}

  /** Words Shepherd cannot read, with what to type instead. */
  record Invalid(String problem) implements CommandText {}

  static CommandText parse(String text) {
    List<String> words = words(text == null ? "" : text);
    if (words.isEmpty() || words.get(0).equals("help")) {
      return new Help();
    }
    String verb = words.get(0);
    List<String> rest = words.subList(1, words.size());
    return switch (verb) {
      case "status" -> new Status();
      case "list" -> new ListRunbooks();
      case "risks" ->
          rest.size() <= 1
              ? new Risks(rest.stream().findFirst())
              : new Invalid("risks takes at most one runbook: /rollout risks oam-secrets");
      case "abort" ->
          rest.size() == 1
              ? new Abort(rest.get(0))
              : new Invalid("abort takes one partition: /rollout abort prod");
      case "unfreeze" ->
          rest.equals(List.of("all"))
              ? new UnfreezeAll()
              : rest.size() == 1
                  ? new Unfreeze(rest.get(0))
                  : new Invalid("unfreeze takes one partition: /rollout unfreeze prod");
      case "schedule" ->
          rest.size() >= 3
              ? new Schedule(
                  rest.get(0), rest.get(1), String.join(" ", rest.subList(2, rest.size())))
              : new Invalid(
                  "schedule takes a partition, a runbook and a time:"
                      + " /rollout schedule prod oam-secrets 2026-12-01T14:00Z (or in 2h)");
      case "stats" ->
          rest.size() == 1
              ? new Stats(rest.get(0))
              : new Invalid(
                  "stats takes one runbook: /rollout stats oam-secrets (`/rollout list`"
                      + " lists them)");
      case "evidence" -> evidence(rest);
      case "redact" -> redact(rest);
      case "unschedule" ->
          rest.size() == 1
              ? new Unschedule(rest.get(0))
              : new Invalid("unschedule takes one partition: /rollout unschedule prod");
      case "freeze" ->
          !rest.isEmpty() && rest.get(0).equals("all")
              ? (rest.size() >= 2
                  ? new FreezeAll(String.join(" ", rest.subList(1, rest.size())))
                  : new Invalid("freeze all takes a reason: /rollout freeze all incident INC-123"))
              : rest.size() >= 2
                  ? new Freeze(rest.get(0), String.join(" ", rest.subList(1, rest.size())))
                  : new Invalid(
                      "freeze takes a partition and a reason: /rollout freeze prod incident INC-123");
      default -> start(words);
    };
  }

  private static CommandText evidence(List<String> rest) {
    String usage = "evidence takes one day: /rollout evidence 2026-11-27";
    if (rest.size() != 1) {
      return new Invalid(usage);
    }
    try {
      return new Evidence(LocalDate.parse(rest.get(0)));
    } catch (DateTimeParseException e) {
      return new Invalid(usage);
    }
  }

  private static CommandText redact(List<String> rest) {
    String usage =
        "redact takes a rollout id, the # of the note's row in its export and a reason:"
            + " /rollout redact 67d82a15-e233-48f7-b429-6166f3800488 42 pasted a password";
    if (rest.size() < 3 || !rest.get(1).matches("[0-9]{1,18}")) {
      return new Invalid(usage);
    }
    return new Redact(
        rest.get(0), Long.parseLong(rest.get(1)), String.join(" ", rest.subList(2, rest.size())));
  }

  private static CommandText start(List<String> words) {
    String partition = words.get(0);
    Optional<String> runbook = Optional.empty();
    Optional<String> override = Optional.empty();
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("--override")) {
        if (i + 1 >= words.size() || words.get(i + 1).isBlank()) {
          return new Invalid(
              "--override needs a reason: /rollout prod oam-secrets --override \"hotfix INC-42\"");
        }
        override = Optional.of(words.get(++i));
      } else if (word.startsWith("--override=")) {
        override = Optional.of(word.substring("--override=".length()));
      } else if (runbook.isEmpty() && !word.startsWith("--")) {
        runbook = Optional.of(word);
      } else {
        return new Invalid(
            "cannot read \""
                + word
                + "\": /rollout <partition> [runbook-id]"
                + " [--override \"reason\"]");
      }
    }
    return new Start(partition, runbook, override);
  }

  static List<String> words(String text) {
    String normalised = text.replace('\u201c', '"').replace('\u201d', '"').replace('\u00a0', ' ');
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : normalised.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
