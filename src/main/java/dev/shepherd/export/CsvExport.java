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

  /** What a spreadsheet starts a formula with: =, +, - and @, and their full-width forms. */
  private static final String FORMULA_LEADS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

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
   * A field quoted when it must be; one a spreadsheet could read as a formula is prefixed with an
   * apostrophe, so a note cannot become one in the reviewer's spreadsheet (OWASP's CSV injection
   * guidance): one starting with a tab or a carriage return, or whose first character after any
   * spaces, tabs and line breaks is =, +, - or @ (or their full-width forms).
   */
  static String quote(String field) {
    String safe = formulaLike(field) ? "'" + field : field;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }

  private static boolean formulaLike(String field) {
    if (field.isEmpty()) {
      return false;
    }
    if (field.charAt(0) == '\t' || field.charAt(0) == '\r') {
      return true;
    }
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return FORMULA_LEADS.indexOf(c) >= 0;
      }
    }
    return false;
  }
}
