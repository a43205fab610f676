package dev.shepherd.rollout;

import dev.shepherd.runbook.Command;
import dev.shepherd.runbook.Section;
import dev.shepherd.runbook.Step;
import dev.shepherd.runbook.Warning;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a step looked like when it was drawn for the people who act on it: the pinned revision, the
 * partition, the step's place, its instructions, commands, verify, rollback and warnings, as
 * rendered for the partition. Carried by the step's buttons and recorded with an approval, so a
 * click on a step whose runbook or rendering changed after it was drawn is refused as out of date,
 * and the record shows what each approver approved.
 */
public final class StepFingerprint {
  /** The printed form: {@code sha256:} and the first 24 hex digits (96 bits). */
  public static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{24}");

  private StepFingerprint() {}

  public static String of(Rollout rollout, StepRun run, Step step) {
    StringBuilder text = new StringBuilder("shepherd-step-as-drawn-v1\n");
    field(text, rollout.runbook().revision().toString());
    field(text, rollout.runbook().path());
    field(text, rollout.partition());
    field(text, run.phase().label());
    field(text, Integer.toString(run.position()));
    field(text, Integer.toString(run.runbookStep()));
    field(text, run.title());
    section(text, "instructions", Optional.of(step.instructions()));
    section(text, "verify", step.verify());
    section(text, "rollback", step.rollback());
    for (Warning warning : step.warnings()) {
      field(text, "warning");
      field(text, warning.level().name());
      field(text, warning.text());
    }
    field(text, Boolean.toString(step.approvalRequired()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether a text is a fingerprint as {@link #of} prints it. */
  public static boolean isFingerprint(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  private static void section(StringBuilder text, String name, Optional<Section> section) {
    field(text, name);
    if (section.isEmpty()) {
      field(text, "none");
      return;
    }
    field(text, section.get().markdown());
    for (Command command : section.get().commands()) {
      field(text, command.language());
      field(text, command.code());
    }
  }

  /** Each field with its length first, so no two different steps read the same. */
  private static void field(StringBuilder text, String value) {
    text.append(value.getBytes(StandardCharsets.UTF_8).length)
        .append(':')
        .append(value)
        .append('\n');
  }
}
