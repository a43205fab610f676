package dev.shepherd.source;

import dev.shepherd.format.LogLines;
import dev.shepherd.learning.writeback.BranchPublisher;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.RunbookFile;
import dev.shepherd.runbook.RunbookSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runbooks from a git remote ({@code https://…}, {@code ssh://…}, {@code file://…}, with an
 * optional {@code #ref}). Shepherd keeps a bare clone under its data folder, fetches on an interval
 * and on demand, and reads files straight from commits, so a pinned revision stays readable after
 * the branch moves. Thread-safe.
 */
public final class GitSource implements RunbookSource {
  private static final Logger log = LoggerFactory.getLogger(GitSource.class);

  /**
   * Where the remote's HEAD is fetched to. Not under refs/remotes/origin/, which the branch refspec
   * prunes: there it was deleted and updated in one batch, and every fetch after the first failed
   * with "Duplicate ref".
   */
  static final String REMOTE_HEAD = "refs/shepherd/remote-HEAD";

  private final GitUrl url;
  private final Path clone;
  private final Duration fetchInterval;
  private final Clock clock;
  private final Optional<CredentialsProvider> credentials;
  private final RunbookFilter filter;
  private final GitLimits limits;
  private Instant lastFetch;
  private Snapshot last;

  public GitSource(
      GitUrl url,
      Path clone,
      Duration fetchInterval,
      Clock clock,
      Optional<CredentialsProvider> credentials) {
    this(url, clone, fetchInterval, clock, credentials, RunbookFilter.DEFAULT);
  }

  /** Runbooks are the files under the URL's folder the filter accepts, named relative to it. */
  public GitSource(
      GitUrl url,
      Path clone,
      Duration fetchInterval,
      Clock clock,
      Optional<CredentialsProvider> credentials,
      RunbookFilter filter) {
    this(url, clone, fetchInterval, clock, credentials, filter, GitLimits.DEFAULT);
  }

  /** Reading at most what {@code limits} allow of each snapshot. */
  public GitSource(
      GitUrl url,
      Path clone,
      Duration fetchInterval,
      Clock clock,
      Optional<CredentialsProvider> credentials,
      RunbookFilter filter,
      GitLimits limits) {
    this.limits = limits;
    this.filter = filter;
    this.url = url;
    this.clone = clone;
    this.fetchInterval = fetchInterval;
    this.clock = clock;
    this.credentials = credentials;
  }

  /**
   * The runbooks at the tracked ref, fetched when due. A fetch or a read that fails after one
   * succeeded keeps the last snapshot serving (and says so in the log); the next load tries again.
   */
  @Override
  public synchronized Snapshot load() throws SourceException {
    if (lastFetch == null || !clock.instant().isBefore(lastFetch.plus(fetchInterval))) {
      try {
        refresh();
      } catch (SourceException e) {
        return previous(e);
      }
    }
    try (Repository repository = open()) {
      ObjectId commit = head(repository);
      last = snapshot(repository, commit);
      return last;
    } catch (IOException e) {
      return previous(
          new SourceException(
              "cannot read runbooks from " + describe() + ": " + e.getMessage(), e));
    }
  }

  private Snapshot previous(SourceException failure) throws SourceException {
    if (last == null) {
      throw failure;
    }
    log.warn("{}; the runbooks read before keep serving", LogLines.escaped(failure.getMessage()));
    return last;
  }

  /**
   * Fetches now, whatever the interval: the on-demand path. Only the tracked ref is fetched (the
   * remote's HEAD, or the branch or tag the URL names), its tip alone (a shallow fetch), never
   * every branch and tag; a commit id fetches the branches, to find it among them. Returns the
   * commit the ref is at.
   */
  public synchronized String refresh() throws SourceException {
    try (Git git = Git.wrap(open())) {
      var fetch = git.fetch().setRemote(url.remote()).setRefSpecs(trackedRef(git));
      fetch.setDepth(1);
      credentials.ifPresent(fetch::setCredentialsProvider);
      fetch.call();
      lastFetch = clock.instant();
      return head(git.getRepository()).name();
    } catch (GitAPIException | IOException e) {
      throw new SourceException(
          "cannot fetch "
              + describe()
              + ": "
              + e.getMessage()
              + " (check the URL and SHEPHERD_GIT_TOKEN)",
          e);
    }
  }

  /**
   * The one ref to fetch: the URL's branch or tag as the remote advertises it; or its HEAD, with
   * the branch HEAD is at (what proposals push beside).
   */
  private RefSpec[] trackedRef(Git git) throws GitAPIException {
    String ref = url.ref().orElse("HEAD");
    var remote = git.lsRemote().setRemote(url.remote());
    credentials.ifPresent(remote::setCredentialsProvider);
    Map<String, Ref> advertised = remote.callAsMap();
    if (ref.equals("HEAD")) {
      List<RefSpec> specs = new ArrayList<>(List.of(new RefSpec("+HEAD:" + REMOTE_HEAD)));
      Ref head = advertised.get("HEAD");
      for (Ref branch : advertised.values()) {
        if (head != null
            && branch.getName().startsWith("refs/heads/")
            && branch.getObjectId() != null
            && branch.getObjectId().equals(head.getObjectId())) {
          String name = branch.getName().substring("refs/heads/".length());
          specs.add(new RefSpec("+" + branch.getName() + ":refs/remotes/origin/" + name));
        }
      }
      return specs.toArray(RefSpec[]::new);
    }
    if (advertised.containsKey("refs/heads/" + ref)) {
      return new RefSpec[] {new RefSpec("+refs/heads/" + ref + ":refs/remotes/origin/" + ref)};
    }
    if (advertised.containsKey("refs/tags/" + ref)) {
      return new RefSpec[] {new RefSpec("+refs/tags/" + ref + ":refs/tags/" + ref)};
    }
    // A commit id, or a name the remote does not have (head() then says so).
    return new RefSpec[] {new RefSpec("+refs/heads/*:refs/remotes/origin/*")};
  }

  /** Fetches the tracked ref's whole history: a pinned commit older than the shallow tip. */
  private void deepen() throws SourceException {
    try (Git git = Git.wrap(open())) {
      var fetch =
          git.fetch().setRemote(url.remote()).setRefSpecs(trackedRef(git)).setUnshallow(true);
      credentials.ifPresent(fetch::setCredentialsProvider);
      fetch.call();
    } catch (GitAPIException | IOException e) {
      throw new SourceException(
          "cannot fetch the history of " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized RunbookFile read(String path, Revision revision) throws SourceException {
    try {
      return readPinned(path, revision);
    } catch (MissingObjectException e) {
      // Fetched shallow: the pinned commit is older than the tip this clone has.
      deepen();
      try {
        return readPinned(path, revision);
      } catch (MissingObjectException again) {
        throw new SourceException(
            path + ": commit " + revision.shortId() + " is not in " + describe(), again);
      }
    }
  }

  private RunbookFile readPinned(String path, Revision revision)
      throws SourceException, MissingObjectException {
    if (revision.kind() != Revision.Kind.COMMIT) {
      throw new SourceException(path + ": a git source pins commits, not " + revision);
    }
    try (Repository repository = open();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.id()));
      try (TreeWalk tree = TreeWalk.forPath(repository, repositoryPath(path), commit.getTree())) {
        if (tree == null) {
          throw new SourceException(path + " does not exist at commit " + revision.shortId());
        }
        var blob = repository.open(tree.getObjectId(0));
        if (blob.getSize() > limits.maxFileBytes()) {
          throw new SourceException(path + ": " + tooLarge());
        }
        byte[] bytes = blob.getBytes();
        return new RunbookFile(path, FolderSource.decode(bytes, path), revision);
      }
    } catch (MissingObjectException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new SourceException(
          "cannot read "
              + path
              + " at "
              + revision.shortId()
              + " from "
              + describe()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public String describe() {
    return url.display();
  }

  /** A runbook's path in the repository: under the URL's folder, when it names one. */
  public String repositoryPath(String path) {
    return url.folder().map(f -> f + "/" + path).orElse(path);
  }

  /** Pushes proposal branches to this source's remote, through its clone and credentials. */
  public BranchPublisher branches() {
    return new GitBranchPublisher(this, url, credentials);
  }

  /** The clone, opened for {@link GitBranchPublisher}; callers hold this source's lock. */
  Repository open() throws IOException {
    if (!Files.isDirectory(clone.resolve("objects"))) {
      Files.createDirectories(clone);
      try {
        Git.init().setBare(true).setDirectory(clone.toFile()).call().close();
      } catch (GitAPIException e) {
        throw new IOException("cannot create a clone in " + clone + ": " + e.getMessage(), e);
      }
    }
    return Git.open(clone.toFile()).getRepository();
  }

  private ObjectId head(Repository repository) throws IOException {
    String ref = url.ref().orElse("HEAD");
    List<String> candidates =
        ref.equals("HEAD")
            ? List.of(REMOTE_HEAD)
            : List.of("refs/remotes/origin/" + ref, "refs/tags/" + ref);
    for (String candidate : candidates) {
      Ref found = repository.exactRef(candidate);
      if (found != null) {
        return repository.getRefDatabase().peel(found).getPeeledObjectId() != null
            ? repository.getRefDatabase().peel(found).getPeeledObjectId()
            : found.getObjectId();
      }
    }
    ObjectId commit = ref.matches("[0-9a-f]{7,40}") ? repository.resolve(ref + "^{commit}") : null;
    if (commit == null) {
      throw new IOException("no branch, tag or commit named " + ref + " in " + describe());
    }
    return commit;
  }

  private Snapshot snapshot(Repository repository, ObjectId commitId) throws IOException {
    List<RunbookFile> files = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    long total = 0;
    Revision revision = Revision.commit(commitId.name());
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(commitId).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String full = tree.getPathString();
        String prefix = url.folder().map(f -> f + "/").orElse("");
        if (!full.startsWith(prefix)) {
          continue;
        }
        String path = full.substring(prefix.length());
        if (!filter.accepts(path)) {
          continue;
        }
        var blob = repository.open(tree.getObjectId(0));
        long size = blob.getSize();
        if (size > limits.maxFileBytes()) {
          unreadable.add(new Unreadable(path, tooLarge()));
          continue;
        }
        if (files.size() + unreadable.size() >= limits.maxFiles()) {
          unreadable.add(
              new Unreadable(
                  path,
                  "not read: this source has more than "
                      + limits.maxFiles()
                      + " runbooks (SHEPHERD_GIT_MAX_FILES)"));
          continue;
        }
        if (total + size > limits.maxTotalBytes()) {
          unreadable.add(
              new Unreadable(
                  path,
                  "not read: this source's runbooks are over "
                      + limits.maxTotalBytes()
                      + " bytes in all (SHEPHERD_GIT_MAX_TOTAL_BYTES)"));
          continue;
        }
        total += size;
        byte[] bytes = blob.getBytes();
        try {
          files.add(new RunbookFile(path, FolderSource.decode(bytes, path), revision));
        } catch (SourceException e) {
          unreadable.add(new Unreadable(path, e.getMessage()));
        }
      }
    }
    return new Snapshot(files, unreadable);
  }

  private String tooLarge() {
    return "over the "
        + limits.maxFileBytes()
        + "-byte limit for a runbook (SHEPHERD_GIT_MAX_FILE_BYTES): not read";
  }
}
