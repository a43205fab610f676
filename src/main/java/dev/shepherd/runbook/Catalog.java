package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbooks loaded from a source, parsed. Immutable; a reload makes a new catalog. A runbook
 * whose id another file also uses is unusable (neither may start: which one was reviewed is not
 * Shepherd's guess), as is one the service marked so ({@link #withUnusable}).
 */
public final class Catalog {
  private final List<Runbook> runbooks;
  private final List<RunbookSource.Unreadable> unreadable;
  private final Map<String, String> unusable;

  public Catalog(List<Runbook> runbooks, List<RunbookSource.Unreadable> unreadable) {
    this(runbooks, unreadable, Map.of());
  }

  private Catalog(
      List<Runbook> runbooks,
      List<RunbookSource.Unreadable> unreadable,
      Map<String, String> marked) {
    this.runbooks = List.copyOf(runbooks);
    this.unreadable = List.copyOf(unreadable);
    Map<String, String> unusable = new LinkedHashMap<>(duplicates(this.runbooks));
    marked.forEach(unusable::putIfAbsent);
    this.unusable = Map.copyOf(unusable);
  }

  /** The same runbooks, with these ids unusable for the reason given with each. */
  public Catalog withUnusable(Map<String, String> reasons) {
    Map<String, String> all = new LinkedHashMap<>(unusable);
    reasons.forEach(all::putIfAbsent);
    return new Catalog(runbooks, unreadable, all);
  }

  /** Why a runbook id may not start anything, if it may not. */
  public Optional<String> unusable(String id) {
    return Optional.ofNullable(unusable.get(id));
  }

  /** Every unusable runbook id and why. */
  public Map<String, String> unusable() {
    return unusable;
  }

  private static Map<String, String> duplicates(List<Runbook> runbooks) {
    Map<String, List<Runbook>> byId = new LinkedHashMap<>();
    runbooks.forEach(r -> byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
    Map<String, String> duplicates = new LinkedHashMap<>();
    byId.forEach(
        (id, same) -> {
          if (same.size() > 1) {
            duplicates.put(
                id,
                "runbook id \""
                    + id
                    + "\" is used by "
                    + String.join(
                        " and ", same.stream().map(r -> r.path() + ":" + r.lineOf("id")).toList())
                    + ": neither starts until one of them gets another id: in its front matter");
          }
        });
    return duplicates;
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

  /** The usable runbooks that apply to a partition. */
  public List<Runbook> forPartition(String partition) {
    return runbooks.stream()
        .filter(r -> r.appliesTo(partition) && !unusable.containsKey(r.id()))
        .toList();
  }
}
