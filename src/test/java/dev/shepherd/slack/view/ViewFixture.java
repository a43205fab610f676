package dev.shepherd.slack.view;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;
import dev.shepherd.audit.Phase;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.ChoreographyOverride;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Renderer;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Domain values for the view tests, built directly: a four-step runbook rendered for prod, a
 * rollout of it, and step runs in each state; plus the JSON the views serialise to.
 */
public final class ViewFixture {
  public static final String LOCATION = "runbooks/oam-secrets.md";
  static final String OPERATOR = "U0OPERATOR";
  public static final String ALICE = "U0ALICE";
  static final String BOB = "U0BOB";
  public static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
  public static final String ROLLOUT_ID = "7d2f8a4e-1c1b-4c55-9f1e-0a6b2b1c9d01";
  static final Gson GSON = GsonFactory.createSnakeCase();

  static final String RUNBOOK =
      """
      ---
      id: oam-secrets
      title: Roll out OAM secrets
      approvers: [U0ALICE, U0BOB]
      checklist:
        - Vault {{vault}} exists & the deploy role can read it
        - On-call for {{partition}} knows the window
      ---
      # Roll out OAM secrets

      Moves the OAM secrets into the partition's own vault.

      ## Step 1: Check for drift
      Run the drift check for {{partition}}:
      ```bash
      ./amm.sh drift-check --partition {{partition}} --region {{region}}
      ```
      ### Verify
      `No drift detected` is printed.
      ### Rollback
      Nothing to roll back: this step changes nothing.

      ## Step 2: Deploy the stack
      Approval: required

      > **Warning:** this replaces the secret in {{vault}} for <all> readers & writers.

      ```bash
      ./amm.sh deploy oam-secrets --partition {{partition}} 2>&1 | tee deploy.log
      ```
      ### Verify
      The stack reaches `UPDATE_COMPLETE`.
      ### Troubleshooting
      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | `UPDATE_ROLLBACK_COMPLETE` | a secret ARN does not exist in {{vault}} | create the secret, rerun the deploy |
      | `Rate exceeded` | CloudFormation throttling | wait one minute, rerun |
      ### Diagnosis
      If it fails otherwise, read **deploy.log** first.
      ### Rollback
      Restore the previous stack revision:
      ```bash
      ./amm.sh rollback oam-secrets --partition {{partition}} --to previous
      ```

      ## Step 3: Smoke test
      ```bash
      ./amm.sh smoke-test oam --partition {{partition}}
      ```

      ## Step 4: Clean up the shared store
      Delete what the partition no longer reads.
      ### Rollback
      ```bash
      ./amm.sh shared-store restore --partition {{partition}} --since 1h
      ```
      """;

  private ViewFixture() {}

  public static Runbook runbook() {
    return runbook(RUNBOOK);
  }

  static Runbook runbook(String text) {
    Runbook parsed =
        new RunbookParser().parse("oam-secrets.md", text, Revision.commit("abc1234def"));
    return Renderer.render(
            parsed, Partition.of("prod", Map.of("region", "us-east-1", "vault", "Arda-ProdOAM")))
        .runbook();
  }

  static Step step(int number) {
    return runbook().step(number).orElseThrow();
  }

  public static StepRun run(
      Phase phase, int position, int runbookStep, String title, boolean approval, StepState state) {
    boolean finished =
        state == StepState.DONE || state == StepState.FAILED || state == StepState.SKIPPED;
    return new StepRun(
        phase,
        position,
        runbookStep,
        title,
        approval,
        true,
        state,
        List.of(),
        state == StepState.PENDING ? Optional.empty() : Optional.of(T0),
        finished ? Optional.of(T0.plusSeconds(600)) : Optional.empty(),
        finished ? Optional.of(ALICE) : Optional.empty(),
        Optional.empty());
  }

  /** The runbook's forward steps: the first {@code done} done, the next posted. */
  public static List<StepRun> forward(int done) {
    List<StepRun> runs = new ArrayList<>();
    for (Step step : runbook().steps()) {
      StepState state =
          step.number() <= done
              ? StepState.DONE
              : step.number() == done + 1 ? StepState.POSTED : StepState.PENDING;
      runs.add(
          run(
              Phase.FORWARD,
              step.number(),
              step.number(),
              step.title(),
              step.approvalRequired(),
              state));
    }
    return runs;
  }

  public static Rollout rollout(
      RolloutState state,
      List<StepRun> steps,
      List<StepRun> rollbackSteps,
      List<String> warnings,
      Optional<ChoreographyOverride> override) {
    return new Rollout(
        ROLLOUT_ID,
        new RunbookRef(
            "oam-secrets", "oam-secrets.md", "Roll out OAM secrets", Revision.commit("abc1234def")),
        "prod",
        OPERATOR,
        new ChatThread("C0DEPLOY", Optional.of("1795770000.000100")),
        state,
        T0,
        Optional.empty(),
        Optional.of(T0),
        state.isActive() ? Optional.empty() : Optional.of(T0.plusSeconds(3725)),
        override,
        warnings,
        List.of(ALICE, BOB),
        2,
        steps,
        rollbackSteps,
        3);
  }

  public static Rollout running(List<StepRun> steps) {
    return rollout(RolloutState.RUNNING, steps, List.of(), List.of(), Optional.empty());
  }

  /** A rollout running with this step in place of its own. */
  public static Rollout runningWith(StepRun run) {
    List<StepRun> steps = new ArrayList<>(forward(run.position() - 1));
    steps.set(run.position() - 1, run);
    return running(steps);
  }

  // --- JSON

  public static JsonArray blocks(SlackMessage message) {
    return GSON.toJsonTree(message.blocks()).getAsJsonArray();
  }

  public static List<JsonObject> blocksOf(SlackMessage message, String type) {
    List<JsonObject> found = new ArrayList<>();
    for (JsonElement block : blocks(message)) {
      if (block.getAsJsonObject().get("type").getAsString().equals(type)) {
        found.add(block.getAsJsonObject());
      }
    }
    return found;
  }

  public static List<JsonObject> buttons(SlackMessage message) {
    List<JsonObject> buttons = new ArrayList<>();
    for (JsonObject actions : blocksOf(message, "actions")) {
      actions.getAsJsonArray("elements").forEach(e -> buttons.add(e.getAsJsonObject()));
    }
    return buttons;
  }

  public static List<String> actionIds(SlackMessage message) {
    return buttons(message).stream().map(b -> b.get("action_id").getAsString()).toList();
  }

  static JsonObject button(SlackMessage message, String actionId) {
    return buttons(message).stream()
        .filter(b -> b.get("action_id").getAsString().equals(actionId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button " + actionId));
  }

  /** The text of a block: a header's, a section's, or a context's elements joined by " | ". */
  static String text(JsonObject block) {
    if (block.has("text")) {
      return block.getAsJsonObject("text").get("text").getAsString();
    }
    List<String> parts = new ArrayList<>();
    if (block.has("elements")) {
      block
          .getAsJsonArray("elements")
          .forEach(
              e -> {
                JsonObject element = e.getAsJsonObject();
                if (element.has("text") && element.get("text").isJsonPrimitive()) {
                  parts.add(element.get("text").getAsString());
                }
              });
    }
    if (block.has("fields")) {
      block
          .getAsJsonArray("fields")
          .forEach(f -> parts.add(f.getAsJsonObject().get("text").getAsString()));
    }
    return String.join(" | ", parts);
  }

  static List<String> texts(SlackMessage message) {
    List<String> texts = new ArrayList<>();
    blocks(message).forEach(b -> texts.add(text(b.getAsJsonObject())));
    return texts;
  }

  static String allText(List<SlackMessage> messages) {
    return String.join("\n", messages.stream().flatMap(m -> texts(m).stream()).toList());
  }

  static Optional<JsonObject> firstBlock(SlackMessage message, Predicate<JsonObject> test) {
    for (JsonElement block : blocks(message)) {
      if (test.test(block.getAsJsonObject())) {
        return Optional.of(block.getAsJsonObject());
      }
    }
    return Optional.empty();
  }
}
