package dev.shepherd.cli;

import dev.shepherd.app.Learning;
import dev.shepherd.app.OfflineRecord;
import dev.shepherd.app.Sources;
import dev.shepherd.config.ConfigException;
import dev.shepherd.learning.writeback.Proposal;
import dev.shepherd.rollout.StoreFailure;
import dev.shepherd.runbook.RunbookSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shepherd propose}: a rollout's findings as a diff against the runbook revision it pinned,
 * and the branch when {@code runbooks.propose: branch}. Without {@code --out} the diff alone goes
 * to stdout, so {@code shepherd propose ID | git apply} works; what else there is to say goes to
 * stderr.
 */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    description =
        "Propose runbook changes from what a rollout found: the diff against the revision"
            + " it ran (and a branch, with runbooks.propose: branch).")
final class ProposeCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Mixin DatabaseOption database;

  @Parameters(index = "0", paramLabel = "ROLLOUT-ID", description = "The rollout.")
  String rolloutId;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the diff to FILE instead of stdout.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Optional<Learning> learning;
  private final Map<String, String> env;

  ProposeCommand() {
    this(Optional.empty(), System.getenv());
  }

  /** With findings read through {@code learning} when given, in an environment of its own. */
  ProposeCommand(Optional<Learning> learning, Map<String, String> env) {
    this.learning = learning;
    this.env = Map.copyOf(env);
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (OfflineRecord opened = database.open(env)) {
      Sources loaded = source.load(env);
      Proposal proposal =
          opened.proposals(loaded, opened.findings(loaded, learning)).propose(rolloutId);
      if (proposal.isEmpty()) {
        stdout.println(proposal.nothing().orElse("Nothing to propose."));
        return 0;
      }
      PrintWriter said = out == null ? err : stdout;
      if (out == null) {
        stdout.print(proposal.diff());
      } else {
        Files.writeString(out, proposal.diff(), StandardCharsets.UTF_8);
        said.println("Wrote the diff to " + out + ": apply it with git apply " + out);
      }
      proposal.changes().forEach(change -> said.println("- " + change.description()));
      proposal.branch().ifPresent(link -> said.println("Branch pushed: " + link));
      proposal.branchProblem().ifPresent(why -> err.println("shepherd propose: no branch: " + why));
      return proposal.branchProblem().isPresent() ? 1 : 0;
    } catch (IllegalArgumentException
        | StoreFailure
        | ConfigException
        | RunbookSource.SourceException e) {
      err.println("shepherd propose: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("shepherd propose: cannot write " + out + ": " + e.getMessage());
      return 2;
    } finally {
      stdout.flush();
      err.flush();
    }
  }
}
