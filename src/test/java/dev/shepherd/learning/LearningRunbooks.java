package dev.shepherd.learning;

/** The runbook the learning tests walk: step 3 has a troubleshooting table and a warning. */
final class LearningRunbooks {
  private LearningRunbooks() {}

  static final String WITH_TABLE = """
      ---
      id: oam-secrets
      title: Roll out OAM secrets on {{partition}}
      approvers: [U0ALICE, U0BOB]
      ---
      # OAM secrets

      ## Step 1: Check for drift
      ```bash
      ./amm.sh drift-check --region {{region}}
      ```
      ### Rollback
      Nothing to roll back.

      ## Step 2: Deploy
      Approval: required
      ```bash
      ./amm.sh deploy --vault {{vault}}
      ```
      ### Rollback
      ```bash
      ./amm.sh rollback --vault {{vault}}
      ```

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

      ## Step 4: Clean up
      ```bash
      ./amm.sh prune --vault {{vault}}
      ```
      ### Rollback
      ```bash
      ./amm.sh restore --vault {{vault}}
      ```
      """;

  /** The same runbook with the row a rollout on prod proposed for `Rate exceeded`. */
  static final String WITH_RATE_ROW = WITH_TABLE.replace(
      "| `AccessDenied` on describe-stacks | the role lacks cloudformation:Describe* | attach the read-only policy |\n",
      "| `AccessDenied` on describe-stacks | the role lacks cloudformation:Describe* | attach the read-only policy |\n"
          + "| `Rate exceeded` from the smoke test | prod's API quota | raise the quota, then retry |\n");
}
