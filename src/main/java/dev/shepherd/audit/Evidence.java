package dev.shepherd.audit;

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
}
