package dev.shepherd.bench;

import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.lint.LintInput;
import dev.shepherd.lint.Linter;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookFile;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.RunbookSource;
import dev.shepherd.runbook.Survey;
import dev.shepherd.source.FolderSource;
import dev.shepherd.source.RunbookFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * {@code shepherd survey} and {@code shepherd lint} over a generated docs repository: 2,000
 * Markdown files, a third of them runbooks in the shapes teams write (numbered headings, list
 * steps, Hugo/Jekyll/MkDocs pages with front matter, admonitions and templating, alert runbooks),
 * the rest READMEs, decision records, changelogs, API references and guides. Timed in-process after
 * a warm-up, against commonmark-java alone parsing the same files. Not a test: run it with {@code
 * bench/survey.sh [files warm-ups runs [folder]]}; with a folder it also keeps the repo there, for
 * the command-line timing the script adds.
 */
public final class DocsRepoBenchmark {
  private DocsRepoBenchmark() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    Path folder =
        args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("shepherd-docs-bench");
    Path config = DocsRepo.generate(folder, files);
    Config loaded = new ConfigLoader(Map.of()).load(config);
    Path docs = Path.of(loaded.runbooks());
    List<String> texts = new ArrayList<>();
    for (RunbookFile file :
        new FolderSource(docs, RunbookFilter.EVERY_MARKDOWN_FILE).load().files()) {
      texts.add(file.content());
    }
    long lines = texts.stream().mapToLong(t -> t.lines().count()).sum();
    System.out.printf(
        "docs repo benchmark: %d Markdown files (%d lines, %d runbooks) in %s%n",
        texts.size(), lines, files / 3 + (files % 3 > 0 ? 1 : 0), docs);
    Parser configured =
        Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    Parser plain = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    for (int i = 0; i < warmUps; i++) {
      survey(docs);
      lint(loaded);
      commonmark(configured, texts);
      commonmark(plain, texts);
    }
    long[][] timings = new long[6][runs];
    Map<Survey.Verdict, Integer> verdicts = null;
    for (int i = 0; i < runs; i++) {
      Timed survey = survey(docs);
      timings[0][i] = survey.read();
      timings[1][i] = survey.work();
      verdicts = survey.verdicts();
      Timed lint = lint(loaded);
      timings[2][i] = lint.read();
      timings[3][i] = lint.work();
      timings[4][i] = commonmark(configured, texts);
      timings[5][i] = commonmark(plain, texts);
    }
    double floor = median(timings[4]);
    System.out.printf("  verdicts: %s%n", verdicts);
    System.out.printf(
        "  survey: read %.3f s + parse and judge %.3f s = %.3f s (min %.3f s)%n",
        median(timings[0]),
        median(timings[1]),
        median(timings[0]) + median(timings[1]),
        min(timings[1]) + min(timings[0]));
    System.out.printf(
        "  lint:   read %.3f s + parse and lint %.3f s = %.3f s (min %.3f s)%n",
        median(timings[2]),
        median(timings[3]),
        median(timings[2]) + median(timings[3]),
        min(timings[3]) + min(timings[2]));
    System.out.printf(
        "  floor, commonmark alone on the same texts: %.3f s with tables + source"
            + " spans (as Shepherd configures it), %.3f s with tables only%n",
        floor, median(timings[5]));
    System.out.printf(
        "  survey parse and judge / commonmark: %.2fx; lint parse and lint / commonmark:"
            + " %.2fx (medians of %d runs after %d warm-up)%n",
        median(timings[1]) / floor, median(timings[3]) / floor, runs, warmUps);
    // On a shared machine the fastest runs are the ones least disturbed by the neighbours.
    System.out.printf(
        "  fastest runs: survey parse and judge %.3f s, lint parse and lint %.3f s,"
            + " commonmark %.3f s: %.2fx and %.2fx%n",
        min(timings[1]),
        min(timings[3]),
        min(timings[4]),
        min(timings[1]) / min(timings[4]),
        min(timings[3]) / min(timings[4]));
  }

  private record Timed(long read, long work, Map<Survey.Verdict, Integer> verdicts) {}

  /** What {@code survey} does: every Markdown file read, parsed and judged. */
  private static Timed survey(Path docs) throws RunbookSource.SourceException {
    long start = System.nanoTime();
    RunbookSource.Snapshot snapshot =
        new FolderSource(docs, RunbookFilter.EVERY_MARKDOWN_FILE).load();
    long read = System.nanoTime();
    Map<Survey.Verdict, Integer> verdicts = new EnumMap<>(Survey.Verdict.class);
    for (Runbook runbook : Catalog.load(loaded(snapshot), new RunbookParser()).runbooks()) {
      verdicts.merge(Survey.of(runbook).verdict(), 1, Integer::sum);
    }
    return new Timed(read - start, System.nanoTime() - read, verdicts);
  }

  /** What {@code lint} does: every Markdown file but READMEs, for the config's 3 partitions. */
  private static Timed lint(Config config) throws RunbookSource.SourceException {
    long start = System.nanoTime();
    RunbookSource.Snapshot snapshot = new FolderSource(Path.of(config.runbooks())).load();
    long read = System.nanoTime();
    Catalog catalog = Catalog.load(loaded(snapshot), new RunbookParser());
    int findings = new Linter().lint(new LintInput(config, catalog, false, "docs/")).size();
    if (findings == 0) {
      throw new IllegalStateException("a docs repo with no finding at all: the generator broke");
    }
    return new Timed(read - start, System.nanoTime() - read, Map.of());
  }

  /** A source already read: the commands' parsing ({@link Catalog#load}) timed on its own. */
  private static RunbookSource loaded(RunbookSource.Snapshot snapshot) {
    return new RunbookSource() {
      @Override
      public Snapshot load() {
        return snapshot;
      }

      @Override
      public RunbookFile read(String path, dev.shepherd.runbook.Revision revision) {
        throw new UnsupportedOperationException("read " + path);
      }

      @Override
      public String describe() {
        return "the files read";
      }
    };
  }

  private static long commonmark(Parser parser, List<String> texts) {
    long start = System.nanoTime();
    int documents = 0;
    for (String text : texts) {
      documents += parser.parse(text).getFirstChild() == null ? 0 : 1;
    }
    if (documents != texts.size()) {
      throw new IllegalStateException("commonmark parsed an empty document");
    }
    return System.nanoTime() - start;
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e9;
  }

  private static double min(long[] nanos) {
    return Arrays.stream(nanos).min().orElse(0) / 1e9;
  }

  /** The generated repository: {@code docs/} under the folder, and a config naming it. */
  static final class DocsRepo {
    private DocsRepo() {}

    static Path generate(Path folder, int files) throws IOException {
      Path docs = Files.createDirectories(folder.resolve("docs"));
      for (int i = 0; i < files; i++) {
        String area = "area-" + (i % 40);
        // One folder per README: a docs repo has one in each service's folder.
        Path dir =
            Files.createDirectories(
                (i / 3) % 6 == 0 && i % 3 != 0 && i % 2 == 0
                    ? docs.resolve(area).resolve("service-" + i)
                    : docs.resolve(area));
        String name;
        String text;
        if (i % 3 == 0) {
          name = "runbook-" + i + extension(i);
          text = runbook(i);
        } else {
          int kind = (i / 3) % 6;
          name =
              switch (kind) {
                case 0 -> i % 2 == 0 ? "README.md" : "readme-" + i + ".md";
                case 1 -> "adr-" + String.format("%04d", i) + "-choice.md";
                case 2 -> "CHANGELOG-" + i + ".md";
                default -> "guide-" + i + ".md";
              };
          text = document(i, kind);
        }
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
      }
      Path config = folder.resolve("shepherd.yaml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "runbooks: " + docs.toAbsolutePath(),
              "partitions:",
              "  - name: dev",
              "    vars: {region: us-east-2, cluster: dev-1, namespace: apps}",
              "  - name: stage",
              "    vars: {region: us-east-2, cluster: stage-1, namespace: apps}",
              "  - name: prod",
              "    protected: true",
              "    approvers: [U0PRODLEAD, U0PRODSRE]",
              "    approvals: 2",
              "    vars: {region: us-east-1, cluster: prod-1, namespace: apps}",
              ""),
          StandardCharsets.UTF_8);
      return config;
    }

    private static String extension(int i) {
      return switch (i % 17) {
        case 5 -> ".markdown";
        case 11 -> ".html.md.erb";
        default -> ".md";
      };
    }

    static String runbook(int i) {
      StringBuilder md = new StringBuilder();
      int steps = 4 + i % 9;
      switch ((i / 3) % 6) {
        case 0 -> {
          md.append("# Rotate credential ")
              .append(i)
              .append("\n\nRotate it every 90 days.\n\n")
              .append(
                  "## Before you begin\n\n- [ ] Access to the vault\n- [ ] `kubectl` on {{cluster}}\n\n");
          for (int n = 1; n <= steps; n++) {
            md.append("## ")
                .append(n)
                .append(") Do part ")
                .append(n)
                .append(" of the rotation\n\n")
                .append("Explain what part ")
                .append(n)
                .append(" changes and why it is safe.\n\n")
                .append("```bash\nkubectl -n {{namespace}} rollout restart deploy/app-")
                .append(n)
                .append("\nkubectl -n {{namespace}} rollout status deploy/app-")
                .append(n)
                .append("\n```\n\n");
          }
          md.append(
                  "## Rollback\n\nPut the previous version back:\n\n```bash\nvault kv rollback -version=-1 secret/app\n```\n\n")
              .append(
                  "## Troubleshooting\n\n| Symptom | Fix |\n| --- | --- |\n| `401` | restart again |\n| pods pending | add nodes |\n");
        }
        case 1 -> {
          md.append("# Restore drill ")
              .append(i)
              .append("\n\n## Scope\n\nThe orders database.\n\n## Steps\n\n");
          for (int n = 1; n <= steps; n++) {
            md.append(n)
                .append(". Restore shard ")
                .append(n)
                .append(" and check its row count:\n")
                .append("   ```bash\n   pg_restore -d scratch shard-")
                .append(n)
                .append(".dump\n   ```\n")
                .append("   - compare with production\n   - note the duration\n");
            if (n % 3 == 0) {
              md.append("\n```bash\npsql -c 'select count(*) from orders'\n```\n\n");
            }
          }
          md.append("\n## If something goes wrong\n\nPage the DBA on-call with the restore log.\n");
        }
        case 2 -> {
          md.append("---\ntitle: \"Expand cluster ")
              .append(i)
              .append("\"\nweight: ")
              .append(i)
              .append(
                  "\ndraft: false\ntags: [ops]\n---\n\n{{< cards >}}\n- Capacity is in the handbook.\n{{< /cards >}}\n\n");
          for (int n = 1; n <= steps; n++) {
            md.append("### Step ")
                .append(n)
                .append(": Add broker ")
                .append(n)
                .append("\n\n")
                .append("{{< warning >}}\nThrottle the reassignment.\n{{< /warning >}}\n\n")
                .append("```bash\nterraform apply -var broker=")
                .append(n)
                .append(" -var region={{region}}\n```\n\n")
                .append(
                    "#### Verify\n\nThe broker is in the ISR list for version {{ .Params.version }}.\n\n");
          }
        }
        case 3 -> {
          md.append("---\nlayout: page\npermalink: /ops/")
              .append(i)
              .append("/\nnav_order: 3\n---\n\n# Procedure ")
              .append(i)
              .append(
                  "\n{: .no_toc }\n\nSee {{ site.baseurl }}/inventory.\n\n<!-- owner: platform -->\n\n## Procedure\n\n");
          for (int n = 1; n <= steps; n++) {
            md.append("- [ ] Run check ")
                .append(n)
                .append(" on {{region}}\n  ```bash\n  ./check.sh ")
                .append(n)
                .append("\n  ```\n");
          }
          md.append("\n## Rolling back\n\nUndo the last check's change with `./undo.sh`.\n");
        }
        case 4 -> {
          md.append("# Rebuild replica ").append(i).append("\n\n");
          for (int n = 1; n <= steps; n++) {
            md.append("## Rebuild part ")
                .append(n)
                .append("\n\n!!! warning \"Reads move\"\n    Reads go to the primary.\n\n")
                .append("```bash\npg_basebackup -D /data/")
                .append(n)
                .append(" -R\n```\n\n")
                .append("### Verify\n\nReplication lag is under a second.\n\n")
                .append("### Rollback\n\nPromote nothing; restart the old replica.\n\n")
                .append(
                    "### Troubleshooting\n\n| Problem | Likely cause | Workaround |\n| --- | --- | --- |\n| slow | disk | wait |\n\n");
          }
        }
        default -> {
          md.append("# Alerts ").append(i).append("\n\nOne section per alert.\n\n");
          for (int n = 1; n <= steps; n++) {
            md.append("## QueueBacklog")
                .append(n)
                .append("\n\n### Symptoms\n\n- depth above 10 000\n\n### Diagnosis\n\n")
                .append("```bash\nkubectl logs deploy/worker-")
                .append(n)
                .append(" --tail=200\n```\n\n")
                .append(
                    "### Mitigation\n\n> [!WARNING]\n> Scaling costs money.\n\n```bash\nkubectl scale deploy/worker-")
                .append(n)
                .append(" --replicas=12\n```\n\n");
          }
          md.append(
                  "## Troubleshooting\n\n### Workers crash on start\n\nThe config map is missing: apply it again.\n\n")
              .append(
                  "### Error: \"connection refused\"\n\nThe broker is down: see its runbook.\n");
        }
      }
      return md.toString();
    }

    static String document(int i, int kind) {
      StringBuilder md = new StringBuilder();
      switch (kind) {
        case 0 ->
            md.append("# service-")
                .append(i)
                .append("\n\nA service.\n\n## Installation\n\n1. Clone it.\n2. Run `make`.\n\n")
                .append(
                    "## Usage\n\n```bash\n./service --config config.yaml\n```\n\n## License\n\nApache-2.0\n");
        case 1 ->
            md.append("# ")
                .append(i)
                .append(". Use a managed queue\n\n## Status\n\nAccepted\n\n## Context\n\n")
                .append(
                    "The broker paged us often.\n\n## Decision\n\nMove to the managed queue.\n\n## Consequences\n\n- Less to patch.\n");
        case 2 -> {
          md.append("# Changelog\n\n");
          for (int v = 20; v > 0; v--) {
            md.append("## [1.")
                .append(v)
                .append(".0] - 2026-01-")
                .append(String.format("%02d", v))
                .append("\n\n### Fixed\n\n- Bug ")
                .append(v)
                .append(" in the exporter.\n\n");
          }
        }
        case 3 -> {
          md.append("# API ").append(i).append("\n\n");
          for (int e = 0; e < 12; e++) {
            md.append("## GET /things/")
                .append(e)
                .append("\n\nReturns thing ")
                .append(e)
                .append(".\n\n")
                .append("| Field | Type |\n| --- | --- |\n| id | string |\n| size | integer |\n\n");
          }
        }
        default -> {
          md.append("---\ntitle: Guide ")
              .append(i)
              .append("\nweight: 2\n---\n\n# Guide ")
              .append(i)
              .append("\n\n");
          for (int s = 0; s < 10; s++) {
            md.append("## Topic ")
                .append(s)
                .append("\n\nThis part explains topic ")
                .append(s)
                .append(" in a few sentences of prose, with a [link](https://example.com/")
                .append(s)
                .append(
                    ") and some *emphasis* and `code`.\n\nAnother paragraph follows, longer than the first, so"
                        + " the inline parser has real work to do on every line of it.\n\n");
            if (s % 3 == 0) {
              md.append("```yaml\nkey: value\nlist: [a, b, c]\n```\n\n");
            }
          }
        }
      }
      return md.toString();
    }
  }
}
