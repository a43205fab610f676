package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The runbooks loaded from a source, parsed. Immutable; a reload makes a new catalog. */
public final class Catalog {
  private final List<Runbook> runbooks;
  private final List<RunbookSource.Unreadable> unreadable;

  public Catalog(List<Runbook> runbooks, List<RunbookSource.Unreadable> unreadable) {
    this.runbooks = List.copyOf(runbooks);
    this.unreadable = List.copyOf(unreadable);
  }

  /**
   * Reads a source and parses its files, on every core: files are independent and the parser keeps
   * no state between them. The runbooks stay in the source's order.
   */
  public static Catalog load(RunbookSource source, RunbookParser parser)
      throws RunbookSource.SourceException {
    RunbookSource.Snapshot snapshot = source.load();
    List<Object> read =
        snapshot.files().parallelStream()
            .map(
                file -> {
                  try {
                    return (Object) parser.parse(file.path(), file.content(), file.revision());
                  } catch (RunbookParser.TooSlow e) {
                    // One slow runbook is reported; the rest of the catalog still loads.
                    return new RunbookSource.Unreadable(file.path(), e.getMessage());
                  }
                })
            .toList();
    List<Runbook> runbooks = new ArrayList<>();
    List<RunbookSource.Unreadable> unreadable = new ArrayList<>(snapshot.unreadable());
    for (Object one : read) {
      if (one instanceof Runbook runbook) {
        runbooks.add(runbook);
      } else {
        unreadable.add((RunbookSource.Unreadable) one);
      }
    }
    return new Catalog(runbooks, unreadable);
  }

  public List<Runbook> runbooks() {
    return runbooks;
  }

  /** Files the source listed but could not read (not UTF-8, permissions…). */
  public List<RunbookSource.Unreadable> unreadable() {
    return unreadable;
  }

  /** A runbook by id, or by its path as given on a command line ({@code runbooks/a.md}). */
  public Optional<Runbook> find(String idOrPath) {
    for (Runbook runbook : runbooks) {
      if (runbook.id().equals(idOrPath)) {
        return Optional.of(runbook);
      }
    }
    String normalised = idOrPath.replace('\\', '/');
    return runbooks.stream()
        .filter(r -> normalised.equals(r.path()) || normalised.endsWith("/" + r.path()))
        .findFirst();
  }

  /** The runbooks that apply to a partition. */
  public List<Runbook> forPartition(String partition) {
    return runbooks.stream().filter(r -> r.appliesTo(partition)).toList();
  }
}
