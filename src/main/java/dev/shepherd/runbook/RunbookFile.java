package dev.shepherd.runbook;

import java.util.Objects;

/** A runbook file as a source read it: where, what, and at which revision. */
public record RunbookFile(String path, String content, Revision revision) {
  public RunbookFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(revision, "revision");
  }
}
