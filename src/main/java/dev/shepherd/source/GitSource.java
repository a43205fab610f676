package dev.shepherd.source;

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
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Runbooks from a git remote ({@code https://…}, {@code ssh://…}, {@code file://…}, with an
 * optional {@code #ref}). Shepherd keeps a bare clone under its data folder, fetches on an interval
 * and on demand, and reads files straight from commits, so a pinned revision stays readable after
 * the branch moves. Thread-safe.
 */
public final class GitSource implements RunbookSource {
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
  private Instant lastFetch;

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
    this.filter = filter;
    this.url = url;
    this.clone = clone;
    this.fetchInterval = fetchInterval;
    this.clock = clock;
    this.credentials = credentials;
  }

  @Override
  public synchronized Snapshot load() throws SourceException {
    if (lastFetch == null || !clock.instant().isBefore(lastFetch.plus(fetchInterval))) {
      refresh();
    }
    try (Repository repository = open()) {
      ObjectId commit = head(repository);
      return snapshot(repository, commit);
    } catch (IOException e) {
      throw new SourceException(
          "cannot read runbooks from " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** Fetches now, whatever the interval: the on-demand path. Returns the commit the ref is at. */
  public synchronized String refresh() throws SourceException {
    try (Git git = Git.wrap(open())) {
      var fetch =
          git.fetch()
              .setRemote(url.remote())
              .setRefSpecs(
                  new RefSpec("+refs/heads/*:refs/remotes/origin/*"),
                  new RefSpec("+refs/tags/*:refs/tags/*"),
                  new RefSpec("+HEAD:" + REMOTE_HEAD))
              .setRemoveDeletedRefs(true);
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

  @Override
  public synchronized RunbookFile read(String path, Revision revision) throws SourceException {
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
        byte[] bytes = repository.open(tree.getObjectId(0)).getBytes();
        return new RunbookFile(path, FolderSource.decode(bytes, path), revision);
      }
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
        byte[] bytes = repository.open(tree.getObjectId(0)).getBytes();
        try {
          files.add(new RunbookFile(path, FolderSource.decode(bytes, path), revision));
        } catch (SourceException e) {
          unreadable.add(new Unreadable(path, e.getMessage()));
        }
      }
    }
    return new Snapshot(files, unreadable);
  }
}
