package dev.shepherd.lint;

import dev.shepherd.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A config and a runbooks folder in a temporary folder, and the command line run on them. Output
 * lines name files relative to that folder ({@code runbooks/deploy.md:7: …}, {@code
 * shepherd.yaml:9: …}), so tests can assert whole lines.
 */
final class Workspace {
  /** Three partitions like the shipped config, plus variables for the near misses. */
  static final String CONFIG =
      """
      runbooks: ./runbooks
      scoped: [vault, account]
      partitions:
        - name: dev
          vars: {region: us-east-2, account: "111111111111", vault: Arda-DevOAM, team: payments, cell: c01}
        - name: stage
          vars: {region: us-east-2, account: "222222222222", vault: Arda-StageOAM, team: payments, cell: c02}
        - name: prod
          vars: {region: us-east-1, account: "333333333333", vault: Arda-ProdOAM, team: payments, cell: c03}
      """;

  /** A runbook's ending: a rollback and troubleshooting row, so only the rule under test speaks. */
  static final String ERROR_PATHS =
      """
      ### Rollback
      Nothing to roll back.
      ### Troubleshooting
      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | it fails | a typo | fix it, rerun |
      """;

  private final Path root;

  Workspace(Path root) {
    this.root = root;
    config(CONFIG);
  }

  Path root() {
    return root;
  }

  Path config(String yaml) {
    return write("shepherd.yaml", yaml);
  }

  Path runbook(String name, String markdown) {
    return write("runbooks/" + name, markdown);
  }

  /** What a command printed, and its exit code. */
  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  /** {@code shepherd lint} on this workspace, with more options. */
  Run lint(String... options) {
    return run("lint", options);
  }

  /** {@code shepherd show} on this workspace. */
  Run show(String runbook, String... options) {
    List<String> args = new ArrayList<>(List.of(runbook));
    args.addAll(Arrays.asList(options));
    return run("show", args.toArray(String[]::new));
  }

  private Run run(String command, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--config",
                root.resolve("shepherd.yaml").toString(),
                "--runbooks",
                root.resolve("runbooks").toString()));
    args.addAll(Arrays.asList(options));
    int exit =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    String prefix = root.toString() + "/";
    return new Run(exit, out.toString().replace(prefix, ""), err.toString().replace(prefix, ""));
  }

  private Path write(String name, String text) {
    Path file = root.resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
