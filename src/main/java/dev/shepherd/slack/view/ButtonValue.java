package dev.shepherd.slack.view;

import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.StepFingerprint;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every button carries: the rollout, phase and position of the step it was drawn for, as
 * {@code rolloutId:forward:2}, and on a step's own buttons the {@link StepFingerprint} of the step
 * as drawn ({@code rolloutId:forward:2:sha256:…}, far below Slack's {@value Limits#BUTTON_VALUE}
 * characters). The engine refuses a click whose step has moved on, or changed since it was drawn,
 * so the value names the step rather than the action.
 */
public final class ButtonValue {
  private static final Pattern VALUE =
      Pattern.compile("([^:\\s]+):(forward|rollback):([1-9][0-9]{0,8})(?::(sha256:[0-9a-f]{24}))?");

  private ButtonValue() {}

  /** The step a click was meant for. */
  public record Parsed(String rolloutId, Phase phase, int position, Optional<String> drawn) {
    public Parsed {
      Objects.requireNonNull(rolloutId, "rolloutId");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(drawn, "drawn");
    }

    public Parsed(String rolloutId, Phase phase, int position) {
      this(rolloutId, phase, position, Optional.empty());
    }
  }

  /**
   * @throws IllegalArgumentException when the id is empty, holds a colon or whitespace, or the
   *     value would pass Slack's {@value Limits#BUTTON_VALUE} characters; or position is below 1
   */
  public static String of(String rolloutId, Phase phase, int position) {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(phase, "phase");
    String value = rolloutId + ":" + phase.label() + ":" + position;
    if (!VALUE.matcher(value).matches() || value.length() > Limits.BUTTON_VALUE) {
      throw new IllegalArgumentException(
          "cannot make a button value of rollout \""
              + rolloutId
              + "\", "
              + phase.label()
              + " step "
              + position);
    }
    return value;
  }

  /** A step button's value: the step, and its fingerprint as drawn. */
  public static String of(String rolloutId, Phase phase, int position, String drawn) {
    if (!StepFingerprint.isFingerprint(drawn)) {
      throw new IllegalArgumentException("not a step fingerprint: " + drawn);
    }
    return of(rolloutId, phase, position) + ":" + drawn;
  }

  /** The step a button value names; empty for anything this class did not write. */
  public static Optional<Parsed> parse(String value) {
    if (value == null || value.length() > Limits.BUTTON_VALUE) {
      return Optional.empty();
    }
    Matcher matcher = VALUE.matcher(value);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Parsed(
            matcher.group(1),
            Phase.valueOf(matcher.group(2).toUpperCase(Locale.ROOT)),
            Integer.parseInt(matcher.group(3)),
            Optional.ofNullable(matcher.group(4))));
  }
}
