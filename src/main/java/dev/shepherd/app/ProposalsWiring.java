package dev.shepherd.app;

import dev.shepherd.config.Config;
import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.learning.writeback.BranchPublisher;
import dev.shepherd.learning.writeback.ProposalWriter;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.runbook.RunbookSource;
import dev.shepherd.source.GitSource;
import dev.shepherd.source.UnifiedDiff;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Proposals over the configured source: its paths in the repository, and its branches when asked
 * for.
 */
public final class ProposalsWiring {
  private ProposalsWiring() {}

  /** Proposals that push no branch, whatever the config says: for the retrospective's diff. */
  static ProposalWriter diffs(Sources loaded, RolloutStore store, RolloutFindings findings) {
    return new ProposalWriter(
        store,
        findings,
        UnifiedDiff::of,
        paths(loaded),
        Optional.empty(),
        new ProposalLint(loaded.config()));
  }

  private static UnaryOperator<String> paths(Sources loaded) {
    if (loaded.source() instanceof GitSource git) {
      return git::repositoryPath;
    }
    String prefix = repositoryPrefix(loaded.pathPrefix());
    return path -> prefix + path;
  }

  public static ProposalWriter of(Sources loaded, RolloutStore store, RolloutFindings findings) {
    RunbookSource source = loaded.source();
    Optional<BranchPublisher> branches = Optional.empty();
    if (loaded.config().propose() == Config.Propose.BRANCH) {
      if (!(source instanceof GitSource git)) {
        // The config refuses branch without a git URL; --runbooks may still name a folder.
        throw new IllegalArgumentException(
            "runbooks.propose: branch pushes to a git source, and the"
                + " runbooks come from "
                + source.describe()
                + ": name a git URL, or set runbooks.propose: diff");
      }
      branches = Optional.of(git.branches());
    }
    return new ProposalWriter(
        store,
        findings,
        UnifiedDiff::of,
        paths(loaded),
        branches,
        new ProposalLint(loaded.config()));
  }

  /**
   * A folder's runbooks are named as from the working directory ({@code runbooks/x.md}), as lint
   * names them: run from the repository's top, that is the path git applies to. A folder outside
   * the working directory has no such path, so its runbooks go by their own.
   */
  private static String repositoryPrefix(String prefix) {
    Path folder = Path.of(prefix.isEmpty() ? "." : prefix);
    if (!folder.isAbsolute()) {
      return prefix;
    }
    Path cwd = Path.of("").toAbsolutePath();
    return folder.startsWith(cwd) && !folder.equals(cwd)
        ? cwd.relativize(folder).toString().replace('\\', '/') + "/"
        : "";
  }
}
