package dev.shepherd.slack.interaction;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.Optional;

/** What a modal's submission holds: the plain text typed in one of its inputs. */
final class ModalInputs {
  private ModalInputs() {}

  /** The text of the input {@code action} in block {@code block}, stripped; empty when none. */
  static String text(View view, String block, String action) {
    return Optional.ofNullable(view.getState())
        .map(ViewState::getValues)
        .map(values -> values.get(block))
        .map(b -> b.get(action))
        .map(ViewState.Value::getValue)
        .orElse("")
        .strip();
  }
}
