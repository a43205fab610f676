package dev.shepherd.cli;

import dev.shepherd.app.OfflineRecord;
import dev.shepherd.app.SlackWitnessRead;
import dev.shepherd.audit.AuditReport;
import dev.shepherd.config.ConfigException;
import dev.shepherd.rollout.StoreFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shepherd audit verify}: exit 0 when every chain holds, every rollout's rows agree with its
 * record (and, with {@code --witness slack}, every head Slack holds matches), 1 on any finding, 2
 * on bad usage or no key to check with.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check that no acknowledgement was edited, deleted or inserted since Shepherd wrote it.")
final class AuditVerifyCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;

  @Option(
      names = "--audit-key-file",
      paramLabel = "FILE",
      description =
          "The key file serve signs with (default: SHEPHERD_AUDIT_KEY, else audit.key beside"
              + " the H2 file or in SHEPHERD_DATA_DIR).")
  Path keyFile;

  @Option(
      names = "--witness",
      paramLabel = "WITNESS",
      description =
          "Also compare every rollout's chain head with what a witness outside the database"
              + " holds: slack (the heads the channel summaries carry; needs SLACK_BOT_TOKEN).")
  String witness;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      split = ",",
      description =
          "Channels to read besides those the database names (a deleted rollout no longer names"
              + " its own).")
  List<String> channels = new ArrayList<>();

  @Option(
      names = "--witness-interval",
      paramLabel = "MILLIS",
      defaultValue = "1200",
      description =
          "Pause between two conversations.history calls, in ms (default ${DEFAULT-VALUE}: tier"
              + " 3; use 60000 for an app not approved for the Slack Marketplace).")
  long intervalMillis;

  @Option(
      names = "--witness-page-size",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "Messages asked per call (default ${DEFAULT-VALUE}; at most 15 outside the Marketplace).")
  int pageSize;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;

  AuditVerifyCommand() {
    this(System.getenv());
  }

  AuditVerifyCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (witness != null && !witness.equals("slack")) {
      err.println("shepherd audit verify: unknown witness \"" + witness + "\": the one is slack");
      err.flush();
      return 2;
    }
    AuditReport report;
    Optional<SlackWitnessRead.Report> witnessed = Optional.empty();
    try (OfflineRecord opened = database.open(env)) {
      report = opened.verifier(opened.keys(Optional.ofNullable(keyFile), env)).verify();
      if (witness != null) {
        witnessed =
            Optional.of(
                SlackWitnessRead.check(
                    opened, channels, env, Duration.ofMillis(intervalMillis), pageSize));
      }
    } catch (IllegalArgumentException | StoreFailure | ConfigException e) {
      err.println("shepherd audit verify: " + e.getMessage());
      err.flush();
      return 2;
    } catch (SlackWitnessRead.Unreadable e) {
      err.println("shepherd audit verify: cannot read the Slack witness: " + e.getMessage());
      err.flush();
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("shepherd audit verify: interrupted while reading Slack");
      err.flush();
      return 2;
    }
    for (AuditReport.Tampering problem : report.problems()) {
      out.println(problem.kind().name().toLowerCase(Locale.ROOT) + ": " + problem.message());
    }
    out.println(
        "checked "
            + report.rows()
            + " acknowledgement(s) on "
            + report.chains()
            + " chain(s)"
            + (report.beforeKey() > 0
                ? "; "
                    + report.beforeKey()
                    + " written before the key are unkeyed (v1)"
                    + (report.unkeyedOnly()
                        ? " and no keyed Shepherd has written here: they can only be reported"
                        : ", held by the keyed start")
                : "")
            + (report.clean()
                ? ": every chain holds"
                : ": " + report.problems().size() + " chain(s) do not hold"));
    boolean clean = report.clean();
    if (witnessed.isPresent()) {
      SlackWitnessRead.Report slack = witnessed.get();
      if (slack.foreign() > 0) {
        out.println(
            "witness: "
                + slack.foreign()
                + " head(s) posted by someone other than Shepherd's bot were not read as witnesses");
      }
      for (AuditReport.Tampering problem : slack.result().problems()) {
        out.println(
            "witness: "
                + problem.kind().name().toLowerCase(Locale.ROOT)
                + ": "
                + problem.message());
      }
      out.println(
          "Slack witnessed "
              + slack.result().witnessed()
              + " rollout(s) in "
              + slack.channels().size()
              + " channel(s) ("
              + String.join(", ", slack.channels())
              + ")"
              + (slack.result().clean()
                  ? ": every head matches the database"
                  : ": " + slack.result().problems().size() + " disagree with the database"));
      clean = clean && slack.result().clean();
    }
    out.flush();
    return clean ? 0 : 1;
  }
}
