package dev.shepherd.rollout;

import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Fleet configs for engine tests, read the way Shepherd reads them: from a file. */
final class FleetConfigs {
  /** dev, stage (soaks 1h), five cells (canary 1, two at once), then prod-eu and prod-us. */
  static final String FLEET =
      """
      partition_defaults:
        vars: {region: us-east-2, vault: Cells}
        approvers: [U0PRODLEAD, U0ALICE, U0BOB]
      waves:
        - name: dev
          partitions: [dev]
        - name: stage
          soak: 1h
          partitions: [stage]
        - name: cells
          canary: 1
          parallel: 2
          partitions: [cell-1, cell-2, cell-3, cell-4, cell-5]
        - name: prod
          partitions:
            - name: prod-eu
              vars: {region: eu-central-1}
            - name: prod-us
      """;

  /** One wave of two partitions, each with its deploy window in its own zone. */
  static final String WINDOWS =
      """
      partition_defaults:
        vars: {region: us-east-2, vault: Cells}
        approvers: [U0PRODLEAD, U0ALICE, U0BOB]
      blackouts:
        - {from: 2027-12-24, to: 2027-12-26, zone: Europe/Berlin, reason: holidays}
      waves:
        - name: prod
          partitions:
            - name: prod-eu
              windows: ["Mon-Thu 09:00-16:00 Europe/Berlin"]
            - name: prod-us
              windows: ["Mon-Fri 09:00-17:00 America/New_York"]
      """;

  /**
   * prod approved by a group by handle, one by id and Alice (and the runbook's own approvers, which
   * this prod lets runbooks add), two approvals per step.
   */
  static final String GROUPS =
      """
      partitions:
        - name: dev
          vars: {region: us-east-2, vault: Dev}
        - name: prod
          protected: true
          approvers: ["@leads", S0SRE, U0ALICE]
          runbook_approvers: add        # the runbook's Bob approves here too
          approvals: 2
          vars: {region: us-east-1, vault: Prod}
      """;

  /** stage soaks 1h, then prod, whose window is Monday to Thursday in Berlin. */
  static final String SOAK_INTO_WINDOW =
      """
      partition_defaults:
        vars: {region: us-east-2, vault: Cells}
        approvers: [U0PRODLEAD, U0ALICE, U0BOB]
      waves:
        - name: stage
          soak: 1h
          partitions: [stage]
        - name: prod
          windows: ["Mon-Thu 09:00-16:00 Europe/Berlin"]
          partitions: [prod-eu, prod-us]
      """;

  private FleetConfigs() {}

  static Config load(String yaml) {
    try {
      Path dir = Files.createTempDirectory("fleet");
      Path file = dir.resolve("shepherd.yaml");
      Files.writeString(file, yaml);
      return new ConfigLoader(Map.of()).load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
