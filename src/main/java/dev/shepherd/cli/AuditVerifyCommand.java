package dev.shepherd.cli;

import dev.shepherd.app.OfflineRecord;
import dev.shepherd.audit.AuditReport;
import dev.shepherd.rollout.StoreFailure;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code shepherd audit verify}: exit 0 when every chain holds, 1 when one does not, 2 on bad
 * usage.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check that no acknowledgement was edited, deleted or inserted since Shepherd wrote it.")
final class AuditVerifyCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditReport report;
    try (OfflineRecord opened = database.open(System.getenv())) {
      report = opened.verifier().verify();
    } catch (IllegalArgumentException | StoreFailure e) {
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
            + (report.beforeChain() > 0
                ? "; " + report.beforeChain() + " recorded before the chain began carry no hash"
                : "")
            + (report.clean()
                ? ": every chain holds"
                : ": " + report.problems().size() + " chain(s) do not hold"));
    out.flush();
    return report.clean() ? 0 : 1;
  }
}
