package dev.shepherd.export;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Evidence;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The record as CSV (RFC 4180): one line per acknowledgement with its rollout's runbook, revision
 * and partition, for a spreadsheet or a SIEM import.
 */
final class CsvExport {
  static final String HEADER =
      "rollout_id,runbook_id,revision,partition,rollout_state,"
          + "acknowledgement_id,at,user,action,phase,position,accepted,detail,evidence,chain_seq,"
          + "previous_hash,hash";

  private CsvExport() {}

  static String write(List<RolloutRecord> records) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (RolloutRecord record : records) {
      Rollout rollout = record.rollout();
      for (ChainLink link : record.trail()) {
        Acknowledgement ack = link.acknowledgement();
        List<String> fields =
            List.of(
                rollout.id(),
                rollout.runbook().id(),
                rollout.runbook().revision().id(),
                rollout.partition(),
                rollout.state().label(),
                String.valueOf(ack.id()),
                Stamps.iso(ack.at()),
                ack.user(),
                ack.action().label(),
                ack.phase().map(p -> p.label()).orElse(""),
                ack.position().map(String::valueOf).orElse(""),
                String.valueOf(ack.accepted()),
                ack.detail(),
                ack.evidence().stream().map(CsvExport::evidence).collect(Collectors.joining(" ")),
                link.link().map(l -> String.valueOf(l.seq())).orElse(""),
                link.link().map(ChainLink.Link::previousHash).orElse(""),
                link.link().map(ChainLink.Link::hash).orElse(""));
        out.append(fields.stream().map(CsvExport::quote).collect(Collectors.joining(",")))
            .append("\r\n");
      }
    }
    return out.toString();
  }

  private static String evidence(Evidence evidence) {
    return evidence.kind() == Evidence.Kind.FILE
        ? evidence.name() + " <" + evidence.url() + ">"
        : evidence.url();
  }

  /**
   * A field quoted when it must be; one starting with =, +, - or @ is prefixed with an apostrophe,
   * so a note cannot become a formula in the reviewer's spreadsheet.
   */
  static String quote(String field) {
    String safe = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
