package dev.shepherd.cli;

import dev.shepherd.app.GroupCheck;
import dev.shepherd.app.Sources;
import dev.shepherd.config.ConfigException;
import dev.shepherd.lint.LintInput;
import dev.shepherd.lint.Linter;
import dev.shepherd.lint.Problem;
import dev.shepherd.rollout.StoreFailure;
import dev.shepherd.runbook.RunbookSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shepherd lint}: exit 0 when clean (warnings allowed), 1 on errors, 2 on bad usage. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = "Check every runbook for every partition before anyone rolls out.")
final class LintCommand implements Callable<Integer> {
  @Mixin SourceOptions options;

  @Option(
      names = "--strict",
      description =
          "Warnings about missing Rollback or Troubleshooting,"
              + " hard-coded partition values and vaults no partition owns are errors.")
  boolean strict;

  @Option(
      names = "--partition",
      paramLabel = "NAME",
      description = "Check one partition only (the checks that render for a partition).")
  String partition;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = LintFormat.Converter.class,
      description = "text (path:line: lines, the default), github (Actions annotations) or json.")
  LintFormat format;

  @Option(
      names = "--online",
      description =
          "Also ask Slack (SLACK_BOT_TOKEN, SLACK_API_URL) whether every user group named as an"
              + " approver exists and, with --db, still names the group serve pinned it to.")
  boolean online;

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description =
          "With --online: the database serve keeps its user group pins in, to say which handle now"
              + " names another group. Read only, through a read-only connection: never migrated"
              + " nor compacted. Only this option names it (SHEPHERD_DB_URL is not read).")
  String dbUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "Default: SHEPHERD_DB_USER; the password is SHEPHERD_DB_PASSWORD.")
  String dbUser;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;

  LintCommand() {
    this(System.getenv());
  }

  LintCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (dbUrl != null && !online) {
      err.println(
          "shepherd lint: --db is read with --online only (the user group pins serve keeps)");
      err.flush();
      return 2;
    }
    Sources loaded;
    try {
      loaded = options.load(env);
    } catch (ConfigException | RunbookSource.SourceException e) {
      err.println("shepherd lint: " + e.getMessage());
      return 2;
    }
    if (partition != null && loaded.config().choreography().find(partition).isEmpty()) {
      err.println(
          "shepherd lint: no partition \""
              + partition
              + "\" in "
              + loaded.config().displayPath()
              + " (partitions: "
              + String.join(", ", loaded.config().choreography().names())
              + ")");
      err.flush();
      return 2;
    }
    LintInput input =
        new LintInput(
            loaded.config(),
            loaded.catalog(),
            strict,
            loaded.pathPrefix(),
            Optional.ofNullable(partition));
    List<Problem> problems = new ArrayList<>(new Linter().lint(input));
    if (online) {
      Optional<List<Problem>> groups;
      try {
        groups = online(loaded);
      } catch (IllegalArgumentException | StoreFailure e) {
        err.println("shepherd lint: " + e.getMessage());
        err.flush();
        return 2;
      }
      if (groups.isEmpty()) {
        err.println(
            "shepherd lint: --online needs SLACK_BOT_TOKEN (and SLACK_API_URL off"
                + " slack.com) to ask Slack about user groups");
        err.flush();
        return 2;
      }
      problems.addAll(groups.get());
      Collections.sort(problems);
    }
    // Changelogs, READMEs and design proposals are left out of lint, and of its count.
    int runbooks =
        (int)
                loaded.catalog().runbooks().stream()
                    .filter(r -> dev.shepherd.runbook.Survey.otherDocument(r).isEmpty())
                    .count()
            + loaded.catalog().unreadable().size();
    LintFormat.Summary summary =
        LintFormat.Summary.of(problems, runbooks, input.partitions().size());
    out.print(format.write(problems, summary));
    out.flush();
    return summary.errors() > 0 ? 1 : 0;
  }

  /** The groups check, against the pins in the database {@code --db} names, if it does. */
  private Optional<List<Problem>> online(Sources loaded) {
    return GroupCheck.online(loaded, env, Optional.ofNullable(dbUrl), Optional.ofNullable(dbUser));
  }
}
