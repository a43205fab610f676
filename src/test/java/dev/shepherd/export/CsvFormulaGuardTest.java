package dev.shepherd.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.runbook.Revision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A field a spreadsheet would read as a formula, however it hides its {@code =}, is exported to CSV
 * as text: OWASP's CSV injection guidance (a leading apostrophe; the field quoted where it must
 * be).
 */
class CsvFormulaGuardTest {
  private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");
  private static final String ID = "5f0c2a9e-1b7d-4c3e-9a61-2d8e4f6b7c10";

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          =1+1          | '=1+1           | an equals sign
          +1+1          | '+1+1           | a plus
          -1+1          | '-1+1           | a minus
          @SUM(A1)      | '@SUM(A1)       | an at sign
          <TAB>=1+1     | '<TAB>=1+1      | a tab before an equals sign
          <TAB>1        | '<TAB>1         | a tab alone
          `  =1+1`      | `'  =1+1`       | spaces before an equals sign
          ` @SUM(A1)`   | `' @SUM(A1)`    | a space before an at sign
          <CR>=1+1      | "'<CR>=1+1"     | a carriage return before it
          <CR>1         | "'<CR>1"        | a carriage return alone
          <LF>=1+1      | "'<LF>=1+1"     | a line feed before it
          <CR><LF>@x    | "'<CR><LF>@x"   | a line break before an at sign
          ＝1+1          | '＝1+1           | a full-width equals sign
          plain note    | plain note      | plain text as it is
          a = b         | a = b           | an equals sign inside
          -             | '-              | a lone minus
          """)
  void formulaLeadsAreDisarmed(String detail, String field, String why) {
    String csv = ExportFormat.CSV.write(List.of(record(controls(detail))));

    assertThat(csv).contains(",U0ALICE,note,forward,1,true," + controls(field) + ",,,,\r\n");
  }

  /** {@code <TAB>}, {@code <CR>}, {@code <LF>} as the characters they name. */
  private static String controls(String text) {
    return text.replace("<TAB>", "\t").replace("<CR>", "\r").replace("<LF>", "\n");
  }

  private static RolloutRecord record(String detail) {
    Rollout rollout =
        new Rollout(
            ID,
            new RunbookRef(
                "oam-secrets",
                "oam-secrets.md",
                "Roll out OAM secrets",
                Revision.commit("9c1e4b2")),
            "prod",
            "U0OPERATOR",
            new ChatThread("C0DEPLOYS", Optional.of("1.0")),
            RolloutState.RUNNING,
            AT,
            Optional.empty(),
            Optional.of(AT),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            1,
            List.of(),
            List.of(),
            0);
    Acknowledgement note =
        new Acknowledgement(
            1,
            Optional.of(ID),
            "prod",
            Optional.of(Phase.FORWARD),
            Optional.of(1),
            Action.NOTE,
            "U0ALICE",
            AT,
            Optional.of("k1"),
            true,
            detail);
    return new RolloutRecord(rollout, List.of(new ChainLink(note, Optional.empty())));
  }
}
