package dev.shepherd.cli;

import dev.shepherd.app.OfflineRecord;
import dev.shepherd.audit.AuditReport;
import dev.shepherd.config.ConfigException;
import dev.shepherd.rollout.StoreFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shepherd audit verify}: exit 0 when every chain holds and every rollout's rows agree with
 * its record, 1 on any finding, 2 on bad usage or no key to check with.
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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditReport report;
    try (OfflineRecord opened = database.open(System.getenv())) {
      report = opened.verifier(opened.keys(Optional.ofNullable(keyFile), System.getenv())).verify();
    } catch (IllegalArgumentException | StoreFailure | ConfigException e) {
      err.println("shepherd audit verify: " + e.getMessage());
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
    out.flush();
    return report.clean() ? 0 : 1;
  }
}
