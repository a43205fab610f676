package dev.shepherd.store;

import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The digest of a rollout's rows as {@link RolloutTable} writes them: every column a summary or an
 * export shows, except the chat thread (bound after the start, by no action). Made from the value
 * being written and again from the rows read back, the two agree exactly when no row changed:
 * instants are taken to the microsecond both databases keep, lists as their stored text.
 */
final class StateDigest {
  private StateDigest() {}

  static String of(Rollout rollout) {
    StringBuilder text = new StringBuilder("shepherd-rollout-state-v1\n");
    field(text, rollout.id());
    field(text, rollout.runbook().id());
    field(text, rollout.runbook().path());
    field(text, rollout.runbook().title());
    field(text, RowMapping.lower(rollout.runbook().revision().kind()));
    field(text, rollout.runbook().revision().id());
    field(text, rollout.partition());
    field(text, rollout.operator());
    field(text, rollout.state().label());
    field(text, instant(Optional.of(rollout.createdAt())));
    field(text, instant(rollout.scheduledFor()));
    field(text, instant(rollout.startedAt()));
    field(text, instant(rollout.endedAt()));
    field(text, rollout.override().map(o -> o.by()).orElse("\0"));
    field(text, rollout.override().map(o -> o.reason()).orElse("\0"));
    field(text, list(rollout.warnings()));
    field(text, list(rollout.approvers()));
    field(text, Integer.toString(rollout.approvalsNeeded()));
    field(text, Integer.toString(rollout.version()));
    List<StepRun> steps = new ArrayList<>(rollout.steps());
    steps.addAll(rollout.rollbackSteps());
    for (StepRun step : steps) {
      field(text, step.phase().label());
      field(text, Integer.toString(step.position()));
      field(text, Integer.toString(step.runbookStep()));
      field(text, step.title());
      field(text, Boolean.toString(step.needsApproval()));
      field(text, Boolean.toString(step.hasRollback()));
      field(text, step.state().label());
      field(text, list(step.approvedBy()));
      field(text, instant(step.postedAt()));
      field(text, instant(step.finishedAt()));
      field(text, step.finishedBy().orElse("\0"));
      field(text, step.reason().orElse("\0"));
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A list as it reads back from its stored text (one a line). */
  private static String list(List<String> values) {
    return RowMapping.join(RowMapping.lines(RowMapping.join(values)));
  }

  /** Seconds and microseconds as numbers: formatting an ISO instant cost more than the hash. */
  private static String instant(Optional<Instant> instant) {
    return instant
        .map(RowMapping::stored)
        .map(i -> i.getEpochSecond() + "." + i.getNano() / 1000)
        .orElse("\0");
  }

  private static void field(StringBuilder text, String value) {
    text.append(value.length()).append(':').append(value).append('\n');
  }
}
