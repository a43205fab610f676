package dev.shepherd.lint;

import dev.shepherd.config.Config;
import dev.shepherd.partition.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secret references in rendered text: 1Password's {@code op://vault/item/field} always, and
 * the config's {@code secret_refs} patterns, each naming its vault part {@code (?<vault>…)}.
 */
final class SecretReferences {
  static final Pattern ONE_PASSWORD = Pattern.compile("op://(?<vault>[^/\\s\"'`<>|]+)/");

  /**
   * A pattern, and text that every match of it contains ("" when unknown): lint asks about every
   * shown line on every partition, and a line without {@code op://} cannot hold a 1Password
   * reference, so most lines skip the matcher.
   */
  private record Finder(Pattern pattern, String required) {}

  private final List<Finder> finders;

  SecretReferences(Config config) {
    List<Finder> all = new ArrayList<>();
    all.add(new Finder(ONE_PASSWORD, "op://"));
    config.secretRefs().forEach(pattern -> all.add(new Finder(pattern, "")));
    this.finders = List.copyOf(all);
  }

  /**
   * One reference as written in a line.
   *
   * @param text the whole reference, from where its pattern matched to the end of the word
   * @param vaultStart where the vault starts in {@code text}
   * @param vaultEnd where it ends
   */
  record Reference(String text, int vaultStart, int vaultEnd) {
    String vault() {
      return text.substring(vaultStart, vaultEnd);
    }

    /** The same reference with another vault: the fix to suggest. */
    String withVault(String vault) {
      return text.substring(0, vaultStart) + vault + text.substring(vaultEnd);
    }
  }

  /**
   * Whether a line as written may lead to a reference once rendered by a partition whose values are
   * all {@link #inert}: only if some pattern needs no particular text, or the line holds the text
   * one needs. Lint renders no other line for such a partition.
   */
  boolean mayHold(String line) {
    for (Finder finder : finders) {
      if (finder.required().isEmpty() || line.contains(finder.required())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether no value of a partition can be part of a text a pattern needs ({@code op://}): each
   * value is non-empty, and neither holds that text, nor lies inside it, nor begins with its end or
   * ends with its beginning. Rendered with such values, a line holds the needed text only where the
   * line as written does (an undefined placeholder stays between its braces).
   */
  boolean inert(Partition partition) {
    List<String> values = new ArrayList<>(partition.vars().values());
    values.add(partition.name());
    for (Finder finder : finders) {
      String needed = finder.required();
      for (String value : values) {
        if (value.isEmpty() || value.contains(needed) || needed.contains(value)) {
          return false;
        }
        for (int k = 1; k < needed.length(); k++) {
          if (value.endsWith(needed.substring(0, k)) || value.startsWith(needed.substring(k))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The references in a line, in order; two patterns matching at one place count once. */
  List<Reference> find(String line) {
    TreeMap<Integer, Reference> found = null;
    for (Finder finder : finders) {
      if (!line.contains(finder.required())) {
        continue;
      }
      if (found == null) {
        found = new TreeMap<>();
      }
      Matcher matcher = finder.pattern().matcher(line);
      while (matcher.find()) {
        if (matcher.start("vault") < 0 || matcher.end() == matcher.start()) {
          continue;
        }
        int end = wordEnd(line, matcher.end());
        found.putIfAbsent(
            matcher.start(),
            new Reference(
                line.substring(matcher.start(), end),
                matcher.start("vault") - matcher.start(),
                matcher.end("vault") - matcher.start()));
      }
    }
    return found == null ? List.of() : List.copyOf(found.values());
  }

  /** A pattern may stop at the vault; people read the reference to where the word ends. */
  private static int wordEnd(String line, int from) {
    int end = from;
    while (end < line.length()
        && !Character.isWhitespace(line.charAt(end))
        && "\"'`<>|),;]".indexOf(line.charAt(end)) < 0) {
      end++;
    }
    while (end > from && ".:".indexOf(line.charAt(end - 1)) >= 0) {
      end--;
    }
    return end;
  }
}
