package dev.shepherd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shepherd audit}: the record, checked and exported. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Verify the acknowledgement chains, export a rollout's record, or write the evidence"
            + " of a period's changes.",
    subcommands = {AuditVerifyCommand.class, AuditExportCommand.class, AuditEvidenceCommand.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
