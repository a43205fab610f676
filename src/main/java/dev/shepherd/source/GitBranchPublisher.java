package dev.shepherd.source;

import dev.shepherd.learning.writeback.BranchPublisher;
import dev.shepherd.runbook.RunbookSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes a proposal as a branch of the runbooks' remote: one commit by Shepherd whose only parent
 * is the pinned commit, built in the source's bare clone without a working tree. Never pushes to
 * the branch Shepherd tracks, never forces over anyone's work: pushing the same proposal again
 * finds the branch up to date, a newer proposal of the same rollout replaces Shepherd's own earlier
 * one (with a lease on it), and a branch someone else moved is reported, not overwritten.
 */
final class GitBranchPublisher implements BranchPublisher {
  private static final String LOCAL = "refs/shepherd/proposals/";

  private final GitSource source;
  private final GitUrl url;
  private final Optional<CredentialsProvider> credentials;

  GitBranchPublisher(GitSource source, GitUrl url, Optional<CredentialsProvider> credentials) {
    this.source = source;
    this.url = url;
    this.credentials = credentials;
  }

  @Override
  public String publish(Request request) throws Failed {
    String ref = Constants.R_HEADS + request.branch();
    if (!Repository.isValidRefName(ref)) {
      throw new Failed("\"" + request.branch() + "\" is not a branch name git accepts", null);
    }
    synchronized (source) {
      try {
        String tracked = tracked();
        if (tracked.equals(request.branch())) {
          throw new Failed(
              "will not push to "
                  + tracked
                  + ": it is the branch Shepherd reads runbooks"
                  + " from; proposals go on a branch of their own",
              null);
        }
        ObjectId commit = commit(request);
        push(commit, ref, request);
        return GitLinks.of(url, tracked, request.branch());
      } catch (IOException | GitAPIException | RunbookSource.SourceException e) {
        throw new Failed(
            "cannot push "
                + request.branch()
                + " to "
                + url.display()
                + ": "
                + scrub(e.getMessage())
                + " (SHEPHERD_GIT_TOKEN needs write access)",
            e);
      }
    }
  }

  /** The branch the source reads: the URL's, else the one the remote's HEAD names. */
  private String tracked() throws IOException, Failed, RunbookSource.SourceException {
    try (Repository repository = source.open()) {
      if (repository.exactRef(GitSource.REMOTE_HEAD) == null) {
        source.refresh();
      }
    }
    try (Repository repository = source.open()) {
      if (url.ref().isPresent()) {
        if (repository.exactRef("refs/remotes/origin/" + url.ref().get()) == null) {
          throw new Failed(
              "runbooks.propose: branch needs the source to track a branch, and #"
                  + url.ref().get()
                  + " is a tag or a commit: name a branch after the #, or set"
                  + " runbooks.propose: diff",
              null);
        }
        return url.ref().get();
      }
      Ref head = repository.exactRef(GitSource.REMOTE_HEAD);
      List<String> candidates = new ArrayList<>();
      for (Ref branch : repository.getRefDatabase().getRefsByPrefix("refs/remotes/origin/")) {
        if (head != null && branch.getObjectId().equals(head.getObjectId())) {
          candidates.add(branch.getName().substring("refs/remotes/origin/".length()));
        }
      }
      if (candidates.isEmpty()) {
        throw new Failed(
            "cannot tell which branch "
                + url.display()
                + " reads: name it after a #"
                + " in the URL (…/infra.git#main)",
            null);
      }
      // Several branches at HEAD's commit: the usual default names win, else the first.
      return candidates.stream()
          .filter(b -> b.equals("main") || b.equals("master"))
          .findFirst()
          .orElse(candidates.get(0));
    }
  }

  private ObjectId commit(Request request)
      throws IOException, Failed, RunbookSource.SourceException {
    try (Repository repository = source.open()) {
      if (!repository.getObjectDatabase().has(ObjectId.fromString(request.pinned().id()))) {
        source.refresh();
      }
    }
    try (Repository repository = source.open();
        RevWalk walk = new RevWalk(repository);
        ObjectInserter inserter = repository.newObjectInserter()) {
      RevCommit parent;
      try {
        parent = walk.parseCommit(ObjectId.fromString(request.pinned().id()));
      } catch (MissingObjectException | IllegalArgumentException e) {
        throw new Failed("the pinned " + request.pinned() + " is not in " + url.display(), e);
      }
      String file = source.repositoryPath(request.runbookPath());
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      builder.addTree(new byte[0], DirCacheEntry.STAGE_0, walk.getObjectReader(), parent.getTree());
      builder.finish();
      DirCacheEntry old = index.getEntry(file);
      if (old == null) {
        throw new Failed(file + " is not in the pinned " + request.pinned(), null);
      }
      ObjectId blob =
          inserter.insert(Constants.OBJ_BLOB, request.text().getBytes(StandardCharsets.UTF_8));
      DirCacheEditor editor = index.editor();
      editor.add(
          new DirCacheEditor.PathEdit(file) {
            @Override
            public void apply(DirCacheEntry entry) {
              entry.setFileMode(old.getFileMode());
              entry.setObjectId(blob);
            }
          });
      editor.finish();
      PersonIdent shepherd =
          new PersonIdent(
              "Shepherd", "shepherd@users.noreply.invalid", request.when(), ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      commit.setParentId(parent);
      commit.setAuthor(shepherd);
      commit.setCommitter(shepherd);
      commit.setMessage(request.message());
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate local = repository.updateRef(LOCAL + request.branch());
      local.setNewObjectId(id);
      local.setForceUpdate(true);
      RefUpdate.Result result = local.update();
      if (result == RefUpdate.Result.LOCK_FAILURE
          || result == RefUpdate.Result.IO_FAILURE
          || result == RefUpdate.Result.REJECTED) {
        throw new IOException("cannot record the commit in the clone: " + result);
      }
      return id;
    }
  }

  private void push(ObjectId commit, String ref, Request request)
      throws IOException, GitAPIException, Failed {
    Optional<ObjectId> replaced = Optional.empty();
    for (int attempt = 0; attempt < 2; attempt++) {
      try (Git git = Git.wrap(source.open())) {
        String local = LOCAL + ref.substring(Constants.R_HEADS.length());
        PushCommand push =
            git.push()
                .setRemote(url.remote())
                .setRefSpecs(new RefSpec((replaced.isPresent() ? "+" : "") + local + ":" + ref));
        // Replacing Shepherd's own earlier proposal: only if the branch still is exactly it.
        replaced.ifPresent(old -> push.setRefLeaseSpecs(new RefLeaseSpec(ref, old.name())));
        credentials.ifPresent(push::setCredentialsProvider);
        for (PushResult result : push.call()) {
          RemoteRefUpdate update = result.getRemoteUpdate(ref);
          if (update == null) {
            continue;
          }
          switch (update.getStatus()) {
            case OK, UP_TO_DATE -> {
              return;
            }
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
              replaced =
                  replaced.isEmpty() ? ownEarlierProposal(git, ref, request) : Optional.empty();
              if (replaced.isEmpty()) {
                throw new Failed(
                    ref.substring(Constants.R_HEADS.length())
                        + " already exists on "
                        + url.display()
                        + " with other commits: delete it there to propose again",
                    null);
              }
            }
            default ->
                throw new Failed(
                    "the remote refused "
                        + ref.substring(Constants.R_HEADS.length())
                        + ": "
                        + update.getStatus()
                        + (update.getMessage() == null
                            ? ""
                            : " (" + scrub(update.getMessage()) + ")"),
                    null);
          }
        }
      }
    }
  }

  /**
   * The branch's tip when it is Shepherd's own earlier proposal for this rollout (one commit by
   * Shepherd on the pinned commit, say before "what fixed it?" was answered), which a new one may
   * replace; empty when anyone else's commit is there.
   */
  private Optional<ObjectId> ownEarlierProposal(Git git, String ref, Request request)
      throws GitAPIException, IOException {
    String seen = "refs/shepherd/seen/" + ref.substring(Constants.R_HEADS.length());
    var fetch =
        git.fetch().setRemote(url.remote()).setRefSpecs(new RefSpec("+" + ref + ":" + seen));
    credentials.ifPresent(fetch::setCredentialsProvider);
    fetch.call();
    Repository repository = git.getRepository();
    Ref tip = repository.exactRef(seen);
    if (tip == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(tip.getObjectId());
      boolean own =
          commit.getParentCount() == 1
              && commit.getParent(0).getName().equals(request.pinned().id())
              && commit.getAuthorIdent().getName().equals("Shepherd");
      return own ? Optional.of(commit.getId()) : Optional.empty();
    }
  }

  /** A message without the remote's user and token, should JGit have put the URL in it. */
  private String scrub(String message) {
    if (message == null) {
      return "";
    }
    return message.replace(url.remote(), GitUrl.parse(url.remote()).display());
  }
}
