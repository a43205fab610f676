package dev.shepherd.slack.view;

import dev.shepherd.audit.Phase;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every button carries: the rollout, phase and position of the step it was drawn for, as
 * {@code rolloutId:forward:2}. The engine refuses a click whose step has moved on, so the value
 * names the step rather than the action.
 */
public final class ButtonValue {
  private static final Pattern VALUE =
      Pattern.compile("([^:\\s]+):(forward|rollback):([1-9][0-9]{0,8})");

  private ButtonValue() {}

  /** The step a click was meant for. */
  public record Parsed(String rolloutId, Phase phase, int position) {
    public Parsed {
      Objects.requireNonNull(rolloutId, "rolloutId");
      Objects.requireNonNull(phase, "phase");
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
            Integer.parseInt(matcher.group(3))));
  }
}
