package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ButtonValueTest {
  private static final String ID = "7d2f8a4e-1c1b-4c55-9f1e-0a6b2b1c9d01";

  @Test
  void writesRolloutPhaseAndPosition() {
    assertThat(ButtonValue.of(ID, Phase.FORWARD, 2)).isEqualTo(ID + ":forward:2");
    assertThat(ButtonValue.of(ID, Phase.ROLLBACK, 12)).isEqualTo(ID + ":rollback:12");
  }

  @Test
  void readsBackWhatItWrote() {
    for (Phase phase : Phase.values()) {
      for (int position : new int[] {1, 9, 10, 200, 999_999_999}) {
        assertThat(ButtonValue.parse(ButtonValue.of(ID, phase, position)))
            .contains(new ButtonValue.Parsed(ID, phase, position));
      }
    }
  }

  @Test
  void aStepsButtonCarriesTheStepAsDrawn() {
    String drawn = "sha256:0123456789abcdef01234567";
    String value = ButtonValue.of(ID, Phase.FORWARD, 2, drawn);

    assertThat(value).isEqualTo(ID + ":forward:2:" + drawn);
    assertThat(ButtonValue.parse(value))
        .contains(new ButtonValue.Parsed(ID, Phase.FORWARD, 2, Optional.of(drawn)));
    assertThatThrownBy(() -> ButtonValue.of(ID, Phase.FORWARD, 2, "sha256:nothex"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a step fingerprint: sha256:nothex");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        ":",
        "::",
        ID,
        ID + ":forward",
        ID + ":forward:",
        ":forward:2",
        ID + ":FORWARD:2",
        ID + ":sideways:2",
        ID + ":forward:0",
        ID + ":forward:-1",
        ID + ":forward:+2",
        ID + ":forward:02",
        ID + ":forward:2x",
        ID + ":forward:1.5",
        ID + ":forward:9999999999",
        ID + ":forward:2 ",
        " " + ID + ":forward:2",
        ID + ":forward:2:extra",
        ID + ":forward:2:sha256:",
        ID + ":forward:2:sha256:0123456789abcdef0123456",
        ID + ":forward:2:sha256:0123456789ABCDEF01234567",
        ID + ":forward:2:sha256:0123456789abcdef01234567:x",
        "a b:forward:2",
        ID + ":forward:２"
      })
  void rejectsAnythingMalformed(String value) {
    assertThat(ButtonValue.parse(value)).isEmpty();
  }

  @Test
  void rejectsAValueLongerThanSlackCarries() {
    String id = "r".repeat(2000);

    assertThat(ButtonValue.parse(id + ":forward:2")).isEmpty();
    assertThatThrownBy(() -> ButtonValue.of(id, Phase.FORWARD, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesToWriteAValueItCouldNotReadBack() {
    assertThatThrownBy(() -> ButtonValue.of("a:b", Phase.FORWARD, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot make a button value of rollout \"a:b\", forward step 1");
    assertThatThrownBy(() -> ButtonValue.of(ID, Phase.FORWARD, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ButtonValue.of("", Phase.FORWARD, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void actionIdsNameTheEngineActions() {
    assertThat(ActionIds.action(ActionIds.DONE)).contains(Action.DONE);
    assertThat(ActionIds.action(ActionIds.APPROVE)).contains(Action.APPROVE);
    assertThat(ActionIds.action(ActionIds.FAIL)).contains(Action.FAIL);
    assertThat(ActionIds.action(ActionIds.SKIP)).contains(Action.SKIP);
    assertThat(ActionIds.action(ActionIds.RETRY)).contains(Action.RETRY);
    assertThat(ActionIds.action(ActionIds.ROLLBACK)).contains(Action.ROLLBACK);
    assertThat(ActionIds.action(ActionIds.ABORT)).contains(Action.ABORT);
    assertThat(ActionIds.action("shepherd.freeze")).isEqualTo(Optional.empty());
    assertThat(ActionIds.action(null)).isEmpty();
  }
}
