package dev.shepherd.bench;

import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.lint.LintInput;
import dev.shepherd.lint.Linter;
import dev.shepherd.lint.Problem;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookFile;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.RunbookSource;
import dev.shepherd.source.FolderSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * How long {@code shepherd lint} takes on a large catalog: 1,000 runbooks of 20 steps each, for 3
 * partitions. Generates them into a temporary folder, then times read + parse + lint after a
 * warm-up, and prints the median and the fastest run. Not a test: run it with {@code
 * bench/lint.sh}.
 *
 * <p>Arguments (all optional): runbooks, steps per runbook, warm-up runs, measured runs.
 */
public final class LintBenchmark {
  private static final List<String> PARTITIONS = List.of("dev", "stage", "prod");

  private LintBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runbooks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    measure(runbooks, steps, warmUps, runs);
  }

  /**
   * What one lint benchmark measured, in seconds (medians): Shepherd's read, parse and lint, and
   * the floor: commonmark-java alone parsing the same texts, configured as Shepherd configures it
   * (GFM tables, source spans) and plain (GFM tables only).
   */
  record Measured(
      double read,
      double parse,
      double lint,
      double total,
      double commonmark,
      double commonmarkPlain) {
    /** (parse + lint) over commonmark parsing the same texts as Shepherd configures it. */
    double ratio() {
      return (parse + lint) / commonmark;
    }

    double ratioPlain() {
      return (parse + lint) / commonmarkPlain;
    }
  }

  static Measured measure(int runbooks, int steps, int warmUps, int runs) throws Exception {
    Path folder = Files.createTempDirectory("shepherd-lint-bench");
    try {
      Path config = generate(folder, runbooks, steps);
      Config loaded = new ConfigLoader(Map.of()).load(config);
      System.out.printf(
          "lint benchmark: %d runbooks x %d steps x %d partitions (%d lines) in %s%n",
          runbooks, steps, PARTITIONS.size(), lines(folder.resolve("runbooks")), folder);

      List<String> texts = new ArrayList<>();
      for (RunbookFile file : new FolderSource(Path.of(loaded.runbooks())).load().files()) {
        texts.add(file.content());
      }
      Parser configured =
          Parser.builder()
              .extensions(List.of(TablesExtension.create()))
              .includeSourceSpans(IncludeSourceSpans.BLOCKS)
              .build();
      Parser plain = Parser.builder().extensions(List.of(TablesExtension.create())).build();
      for (int i = 0; i < warmUps; i++) {
        run(loaded);
        commonmark(configured, texts);
        commonmark(plain, texts);
      }
      long[] totals = new long[runs];
      long[][] phases = new long[5][runs];
      int findings = -1;
      for (int i = 0; i < runs; i++) {
        Timing timing = run(loaded);
        totals[i] = timing.total();
        phases[0][i] = timing.read();
        phases[1][i] = timing.parse();
        phases[2][i] = timing.lint();
        findings = timing.findings();
        phases[3][i] = commonmark(configured, texts);
        phases[4][i] = commonmark(plain, texts);
      }
      if (findings != 0) {
        throw new IllegalStateException(
            "generated runbooks should lint clean, found "
                + findings
                + " findings: the benchmark no longer measures a clean catalog");
      }
      System.out.printf("  read   median %.3f s  min %.3f s%n", median(phases[0]), min(phases[0]));
      System.out.printf("  parse  median %.3f s  min %.3f s%n", median(phases[1]), min(phases[1]));
      System.out.printf("  lint   median %.3f s  min %.3f s%n", median(phases[2]), min(phases[2]));
      System.out.printf(
          "read + parse + lint: median %.3f s, min %.3f s over %d runs (%d warm-up)%n",
          median(totals), min(totals), runs, warmUps);
      System.out.printf(
          "floor, commonmark alone on the same texts: %.3f s with tables + source"
              + " spans (as Shepherd configures it), %.3f s with tables only%n",
          median(phases[3]), median(phases[4]));
      Measured measured =
          new Measured(
              median(phases[0]),
              median(phases[1]),
              median(phases[2]),
              median(totals),
              median(phases[3]),
              median(phases[4]));
      System.out.printf(
          "parse + lint / commonmark: %.2fx (%.2fx against tables only)%n",
          measured.ratio(), measured.ratioPlain());
      return measured;
    } finally {
      delete(folder);
    }
  }

  /** commonmark-java parsing every text, and nothing else. */
  private static long commonmark(Parser parser, List<String> texts) {
    long start = System.nanoTime();
    int blocks = 0;
    for (String text : texts) {
      Node document = parser.parse(text);
      blocks += document.getFirstChild() == null ? 0 : 1;
    }
    if (blocks != texts.size()) {
      throw new IllegalStateException("commonmark parsed an empty document");
    }
    return System.nanoTime() - start;
  }

  private record Timing(long read, long parse, long lint, int findings) {
    long total() {
      return read + parse + lint;
    }
  }

  /** One {@code shepherd lint}, as LintCommand does it, with each phase timed. */
  private static Timing run(Config config) throws RunbookSource.SourceException {
    long start = System.nanoTime();
    RunbookSource.Snapshot snapshot = new FolderSource(Path.of(config.runbooks())).load();
    long read = System.nanoTime();
    RunbookParser parser = new RunbookParser();
    List<Runbook> parsed = new ArrayList<>(snapshot.files().size());
    for (RunbookFile file : snapshot.files()) {
      parsed.add(parser.parse(file.path(), file.content(), file.revision()));
    }
    Catalog catalog = new Catalog(parsed, snapshot.unreadable());
    long parse = System.nanoTime();
    List<Problem> findings = new Linter().lint(new LintInput(config, catalog, true, "runbooks/"));
    long lint = System.nanoTime();
    return new Timing(read - start, parse - read, lint - parse, findings.size());
  }

  private static Path generate(Path folder, int runbooks, int steps) throws IOException {
    Path runbookFolder = Files.createDirectories(folder.resolve("runbooks"));
    for (int i = 0; i < runbooks; i++) {
      String id = String.format("service-%04d", i);
      Files.writeString(
          runbookFolder.resolve(id + ".md"), runbook(id, i, steps), StandardCharsets.UTF_8);
    }
    Path config = folder.resolve("shepherd.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "runbooks: " + runbookFolder.toAbsolutePath(),
            "partitions:",
            "  - name: dev",
            "    vars: {region: us-east-2, account: \"111111111111\", vault: DevVault}",
            "  - name: stage",
            "    vars: {region: us-east-2, account: \"222222222222\", vault: StageVault}",
            "  - name: prod",
            "    protected: true",
            "    approvers: [U0PRODLEAD, U0PRODSRE]",
            "    approvals: 2",
            "    vars: {region: us-east-1, account: \"333333333333\", vault: ProdVault}",
            ""),
        StandardCharsets.UTF_8);
    return config;
  }

  /**
   * A runbook in one of the shapes the parser recognises, in turn: {@code ## Step N:} with
   * sub-headings, {@code ###} steps under {@code ## Procedure} with bold labels, and steps that
   * inherit the runbook-wide Rollback and Troubleshooting sections.
   */
  static String runbook(String id, int index, int steps) {
    StringBuilder md = new StringBuilder();
    md.append("---\n")
        .append("id: ")
        .append(id)
        .append('\n')
        .append("title: Roll out ")
        .append(id)
        .append(" to {{partition}}\n")
        .append("approvers: [U024BE7LH, U0G9QF9C6]\n")
        .append("partitions: [dev, stage, prod]\n")
        .append("checklist:\n")
        .append("  - Vault {{vault}} exists and the deploy role can read it\n")
        .append("  - On-call for {{partition}} knows the rollout window\n")
        .append("---\n")
        .append("# Roll out ")
        .append(id)
        .append("\n\n")
        .append("Moves ")
        .append(id)
        .append(" to its new home, partition by partition.\n\n");
    switch (index % 3) {
      case 0 -> headingSteps(md, steps);
      case 1 -> labelledSteps(md, steps);
      default -> inheritingSteps(md, steps);
    }
    return md.toString();
  }

  private static void headingSteps(StringBuilder md, int steps) {
    for (int n = 1; n <= steps; n++) {
      md.append("## Step ").append(n).append(": Deploy component ").append(n).append('\n');
      if (n % 4 == 0) {
        md.append("Approval: required\n\n> **Warning:** this replaces component ")
            .append(n)
            .append(" in {{vault}}.\n\n");
      }
      md.append("Deploy component ")
          .append(n)
          .append(" to {{partition}} in {{region}}:\n")
          .append("```bash\n./amm.sh deploy component-")
          .append(n)
          .append(" --partition {{partition}} --region {{region}} --account {{account}}\n```\n")
          .append("### Verify\nThe stack reaches `UPDATE_COMPLETE`:\n")
          .append("```bash\naws cloudformation describe-stacks --stack-name c")
          .append(n)
          .append("-{{partition}} --region {{region}}\n```\n")
          .append("### Troubleshooting\n| Symptom | Cause | Fix |\n| --- | --- | --- |\n")
          .append(
              "| `UPDATE_ROLLBACK_COMPLETE` | a secret is missing in {{vault}} | create it, rerun |\n")
          .append("| `Rate exceeded` | throttling in {{region}} | wait one minute, rerun |\n")
          .append("### Rollback\nRestore the previous revision:\n")
          .append("```bash\n./amm.sh rollback component-")
          .append(n)
          .append(" --partition {{partition}} --region {{region}}\n```\n\n");
    }
  }

  private static void labelledSteps(StringBuilder md, int steps) {
    md.append("## Prerequisites\n- [ ] A change ticket is open\n- [ ] The dashboards are up\n\n");
    md.append("## Procedure\n\n");
    for (int n = 1; n <= steps; n++) {
      md.append("### ").append(n).append(". Restart worker ").append(n).append('\n');
      if (n % 5 == 0) {
        md.append("Approval: required\n");
      }
      md.append("```bash\n./amm.sh restart worker-")
          .append(n)
          .append(" --partition {{partition}} --region {{region}}\n```\n")
          .append("**Expected output:** `worker-")
          .append(n)
          .append(" running in {{partition}}`.\n\n")
          .append("**Rollback:** restart the previous image:\n")
          .append("```bash\n./amm.sh restart worker-")
          .append(n)
          .append(" --image previous --partition {{partition}}\n```\n\n")
          .append("**Symptoms:** `CrashLoopBackOff`\n")
          .append("**Cause:** the worker cannot read {{vault}}\n")
          .append("**Resolution:** grant the worker role read access to {{vault}}, rerun\n\n");
    }
  }

  private static void inheritingSteps(StringBuilder md, int steps) {
    for (int n = 1; n <= steps; n++) {
      md.append("## Migrate table ")
          .append(n)
          .append('\n')
          .append("- Check the table is idle:\n")
          .append("  ```bash\n  ./db.sh idle table_")
          .append(n)
          .append(" --region {{region}}\n  ```\n")
          .append("- Then migrate it:\n")
          .append("  ```bash\n  ./db.sh migrate table_")
          .append(n)
          .append(" --partition {{partition}} --account {{account}}\n  ```\n\n");
    }
    md.append("## Rollback Procedure\nRestore the snapshot taken before the first step:\n")
        .append("```bash\n./db.sh restore --partition {{partition}} --region {{region}}\n```\n\n")
        .append("## Common failure modes\n| Symptom | Cause | Fix |\n| --- | --- | --- |\n")
        .append("| `lock timeout` | the table is busy | wait for the batch job, rerun |\n")
        .append("| `permission denied` | the role lacks access in {{account}} | fix the grant |\n");
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    double value =
        sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    return value / 1e9;
  }

  private static double min(long[] nanos) {
    return Arrays.stream(nanos).min().orElseThrow() / 1e9;
  }

  private static long lines(Path folder) throws IOException {
    long lines = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        lines += Files.readAllLines(file).size();
      }
    }
    return lines;
  }

  private static void delete(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
