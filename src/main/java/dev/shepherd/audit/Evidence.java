package dev.shepherd.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a note carries besides its text: a link, or a file with the permalink Slack gave it.
 *
 * @param name the file's name, or the link itself
 * @param url where it can be opened
 */
public record Evidence(Kind kind, String name, String url) {
  public enum Kind {
    LINK,
    FILE
  }

  public Evidence {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }

  public static Evidence link(String url) {
    return new Evidence(Kind.LINK, url, url);
  }

  public static Evidence file(String name, String permalink) {
    return new Evidence(Kind.FILE, name, permalink);
  }

  /** What marks the lossless encoding; text without it is the first, lossy one. */
  static final String ENCODING = "#v2";

  /**
   * The one text a note's evidence is stored as and hashed as: lossless, so what a person shared (a
   * file name with a TAB or a newline) reads back exactly. A line per item, {@code link<TAB>url} or
   * {@code file<TAB>name<TAB>url}, with backslash, TAB, CR and LF escaped; empty for no evidence.
   */
  public static String encode(List<Evidence> evidence) {
    if (evidence.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(ENCODING);
    for (Evidence item : evidence) {
      text.append('\n');
      text.append(
          item.kind() == Kind.LINK
              ? "link\t" + escape(item.url())
              : "file\t" + escape(item.name()) + "\t" + escape(item.url()));
    }
    return text.toString();
  }

  /**
   * The evidence a stored text holds: {@link #encode}'s, or the first encoding's (before {@code
   * #v2}), which replaced TABs and newlines with spaces and so reads back what it kept.
   */
  public static List<Evidence> decode(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    boolean lossless = text.startsWith(ENCODING + "\n");
    List<Evidence> evidence = new ArrayList<>();
    String body = lossless ? text.substring(ENCODING.length() + 1) : text;
    for (String line : body.split("\n")) {
      String[] parts = line.split("\t", -1);
      for (int i = 0; lossless && i < parts.length; i++) {
        parts[i] = unescape(parts[i]);
      }
      evidence.add(
          parts[0].equals("file") && parts.length == 3
              ? file(parts[1], parts[2])
              : link(parts[parts.length - 1]));
    }
    return evidence;
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      out.append(
          switch (next) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            default -> next;
          });
    }
    return out.toString();
  }
}
