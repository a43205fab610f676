package dev.shepherd.rollout;

import dev.shepherd.runbook.Revision;
import java.util.Objects;

/** The runbook revision a rollout is pinned to. */
public record RunbookRef(String id, String path, String title, Revision revision) {
  public RunbookRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(revision, "revision");
  }
}
