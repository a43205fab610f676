package dev.shepherd.runbook;

import java.util.Objects;

/**
 * The exact revision a runbook was read at: a git commit, or the content hash of a file read from a
 * plain folder. A rollout pins it at start so later edits cannot change a running rollout.
 */
public record Revision(Kind kind, String id) {
  public enum Kind {
    COMMIT,
    CONTENT
  }

  public Revision {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  public static Revision commit(String id) {
    return new Revision(Kind.COMMIT, id);
  }

  public static Revision content(String sha256) {
    return new Revision(Kind.CONTENT, sha256);
  }

  /** The first 7 characters (commit) or 12 (content hash), as people read them. */
  public String shortId() {
    int length = kind == Kind.COMMIT ? 7 : 12;
    return id.length() <= length ? id : id.substring(0, length);
  }

  @Override
  public String toString() {
    return (kind == Kind.COMMIT ? "commit " : "sha256:") + id;
  }
}
