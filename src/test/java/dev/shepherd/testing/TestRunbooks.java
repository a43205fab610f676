package dev.shepherd.testing;

/** Runbooks more than one kind of test walks through. */
public final class TestRunbooks {
  private TestRunbooks() {}

  /**
   * Three steps with commands, a verify, troubleshooting rows and rollbacks; step 2 needs approval;
   * the checklist and commands use {{partition}}, {{region}} and {{vault}}.
   */
  public static final String THREE_STEPS =
      """
      ---
      id: oam-secrets
      title: Roll out OAM secrets
      approvers: [U0ALICE, U0BOB]
      checklist:
        - Vault {{vault}} exists
      ---
      # Roll out OAM secrets

      ## Step 1: Check for drift
      ```bash
      ./amm.sh drift-check --partition {{partition}} --region {{region}}
      ```
      ### Verify
      `No drift detected` is printed.
      ### Troubleshooting
      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | `AccessDenied` on describe-stacks | the token lacks the vault scope | rotate the token, rerun |
      ### Rollback
      Nothing to roll back: this step changes nothing.

      ## Step 2: Deploy the stack
      Approval: required
      ```bash
      ./amm.sh deploy --partition {{partition}} --vault {{vault}}
      ```
      ### Troubleshooting
      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | `UPDATE_ROLLBACK_COMPLETE` | a secret is missing in {{vault}} | create it, rerun |
      ### Rollback
      ```bash
      ./amm.sh rollback --partition {{partition}} --to previous
      ```

      ## Step 3: Smoke test
      ```bash
      ./amm.sh smoke --partition {{partition}}
      ```
      ### Troubleshooting
      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | smoke test hangs | the service has not restarted | restart it, rerun |
      ### Rollback
      ```bash
      ./amm.sh restart --partition {{partition}}
      ```
      """;

  /** {@link #THREE_STEPS} under another id and title. */
  public static String threeSteps(String id, String title) {
    return THREE_STEPS
        .replace("id: oam-secrets", "id: " + id)
        .replace("Roll out OAM secrets", title);
  }
}
