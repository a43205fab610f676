package dev.shepherd.learning;

import dev.shepherd.rollout.EngineFixture;

/** The runbook the learning tests walk: step 3 has a troubleshooting table and a warning. */
final class LearningRunbooks {
  private LearningRunbooks() {}

  /** The engine fixture's runbook, its step 3 warned about and given a table and a rollback. */
  static final String WITH_TABLE =
      EngineFixture.RUNBOOK.replace(
          """
      ## Step 3: Smoke test
      ```bash
      ./amm.sh smoke --region {{region}}
      ```
      """,
          """
      ## Step 3: Smoke test
      > **Warning:** the smoke test calls the live API.

      ```bash
      ./amm.sh smoke --region {{region}}
      ```
      ### Troubleshooting
      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | `AccessDenied` on describe-stacks | the role lacks cloudformation:Describe* | attach the read-only policy |
      ### Rollback
      ```bash
      ./amm.sh smoke --undo
      ```
      """);

  static {
    if (!WITH_TABLE.contains("### Troubleshooting")) {
      throw new IllegalStateException(
          "the engine fixture's step 3 changed: LearningRunbooks no longer applies");
    }
  }

  /** The same runbook with the row a rollout on prod proposed for `Rate exceeded`. */
  static final String WITH_RATE_ROW =
      WITH_TABLE.replace(
          "| `AccessDenied` on describe-stacks | the role lacks cloudformation:Describe* | attach the read-only policy |\n",
          "| `AccessDenied` on describe-stacks | the role lacks cloudformation:Describe* | attach the read-only policy |\n"
              + "| `Rate exceeded` from the smoke test | prod's API quota | raise the quota, then retry |\n");
}
