package dev.shepherd.slack.interaction;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.Optional;

/** What a modal's submission holds: what was typed or chosen in one of its inputs. */
public final class ModalInputs {
  private ModalInputs() {}

  /** The text of the input {@code action} in block {@code block}, stripped; empty when none. */
  public static String text(View view, String block, String action) {
    return typed(view, block, action).strip();
  }

  /** The text of the input {@code action} in block {@code block} as typed; empty when none. */
  public static String typed(View view, String block, String action) {
    return value(view, block, action).map(ViewState.Value::getValue).orElse("");
  }

  /**
   * What was chosen or typed in block {@code block} (whose input has the same id): a selected
   * option's value, a selected conversation, or the text; stripped, empty when blank.
   */
  public static Optional<String> choice(View view, String block) {
    return value(view, block, block)
        .map(
            v ->
                v.getSelectedOption() != null
                    ? v.getSelectedOption().getValue()
                    : v.getSelectedConversation() != null
                        ? v.getSelectedConversation()
                        : v.getValue())
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  private static Optional<ViewState.Value> value(View view, String block, String action) {
    return Optional.ofNullable(view.getState())
        .map(ViewState::getValues)
        .map(values -> values.get(block))
        .map(b -> b.get(action));
  }
}
