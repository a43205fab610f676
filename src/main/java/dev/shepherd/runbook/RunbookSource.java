package dev.shepherd.runbook;

import java.util.List;

/**
 * Where runbooks come from: a folder, or a git repository. Implemented by the adapters in {@code
 * dev.shepherd.source}.
 */
public interface RunbookSource {
  /**
   * The runbooks as they are now (a git source fetches first when it is due). A file that cannot be
   * read is listed as unreadable rather than failing the whole load.
   *
   * @throws SourceException when the source itself cannot be listed
   */
  Snapshot load() throws SourceException;

  /** What a load found: the files read, and those that could not be. */
  record Snapshot(List<RunbookFile> files, List<Unreadable> unreadable) {
    public Snapshot {
      files = List.copyOf(files);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** A runbook file that could not be read, and why. */
  record Unreadable(String path, String reason) {}

  /**
   * The runbook file at a pinned revision, so a running rollout keeps the text it started with. A
   * folder source can only serve the current content, and says so when the hash moved.
   */
  RunbookFile read(String path, Revision revision) throws SourceException;

  /** How to name this source in messages: the folder or the URL without credentials. */
  String describe();

  /** Runbooks that cannot be read or listed, with the reason. */
  final class SourceException extends Exception {
    public SourceException(String message, Throwable cause) {
      super(message, cause);
    }

    public SourceException(String message) {
      super(message);
    }
  }
}
