package dev.shepherd.bench;

import dev.shepherd.testing.TestRunbooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config and runbooks the benchmarks serve: {@code partitions} partitions {@code p01…}, none
 * protected (so a click needs no quorum), and three runbooks that apply to all of them: a
 * three-step one with an approval step, a twenty-step one, and a forty-step one for the pacing run.
 */
final class BenchWorkspace {
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String TOKEN = "xoxb-bench-token";
  static final String ALICE = "U0ALICE";
  static final String BOB = "U0BOB";
  static final String STRANGER = "U0STRANGER";
  static final List<String> RUNBOOKS = List.of("bench-deploy", "bench-migrate", "bench-pace");

  final Path folder;
  final Path config;
  final Path runbooks;
  final List<String> partitions;

  private BenchWorkspace(Path folder, List<String> partitions) {
    this.folder = folder;
    this.config = folder.resolve("shepherd.yaml");
    this.runbooks = folder.resolve("runbooks");
    this.partitions = partitions;
  }

  static BenchWorkspace create(Path folder, int partitionCount) throws IOException {
    List<String> partitions = new ArrayList<>();
    for (int i = 1; i <= partitionCount; i++) {
      partitions.add(String.format("p%02d", i));
    }
    BenchWorkspace workspace = new BenchWorkspace(folder, partitions);
    Files.createDirectories(workspace.runbooks);
    StringBuilder yaml = new StringBuilder("runbooks: ./runbooks\npartitions:\n");
    for (String partition : partitions) {
      yaml.append("  - name: ")
          .append(partition)
          .append('\n')
          .append("    vars: {region: us-east-2, vault: Vault-")
          .append(partition)
          .append("}\n");
    }
    yaml.append("timezone: UTC\n");
    Files.writeString(workspace.config, yaml);
    Files.writeString(workspace.runbooks.resolve("bench-deploy.md"), deploy());
    Files.writeString(workspace.runbooks.resolve("bench-migrate.md"), steps("bench-migrate", 20));
    Files.writeString(workspace.runbooks.resolve("bench-pace.md"), steps("bench-pace", 40));
    return workspace;
  }

  private static String deploy() {
    return TestRunbooks.threeSteps("bench-deploy", "Roll out the deploy stack");
  }

  /** A runbook of {@code count} steps that need no approval, each with verify and rollback. */
  static String steps(String id, int count) {
    StringBuilder md =
        new StringBuilder("---\nid: ")
            .append(id)
            .append("\ntitle: Walk ")
            .append(count)
            .append(" components\napprovers: [U0ALICE, U0BOB]\n---\n")
            .append("# Walk ")
            .append(count)
            .append(" components\n\n");
    for (int n = 1; n <= count; n++) {
      md.append("## Step ")
          .append(n)
          .append(": Deploy component ")
          .append(n)
          .append('\n')
          .append("```bash\n./amm.sh deploy component-")
          .append(n)
          .append(" --partition {{partition}} --region {{region}}\n```\n")
          .append("### Verify\nThe stack reaches `UPDATE_COMPLETE`.\n")
          .append("### Troubleshooting\n| Symptom | Cause | Fix |\n| --- | --- | --- |\n")
          .append("| `Rate exceeded` | throttling in {{region}} | wait one minute, rerun |\n")
          .append("### Rollback\n```bash\n./amm.sh rollback component-")
          .append(n)
          .append(" --partition {{partition}}\n```\n\n");
    }
    return md.toString();
  }
}
