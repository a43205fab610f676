package dev.shepherd.cli;

import dev.shepherd.app.Sources;
import dev.shepherd.config.ConfigException;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookSource;
import dev.shepherd.runbook.Survey;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shepherd survey}: how a team's whole repo reads, one row per Markdown file. Exit 0
 * whatever it finds (it informs, lint judges), 2 on bad usage.
 */
@Command(
    name = "survey",
    mixinStandardHelpOptions = true,
    description =
        "Show how every Markdown file of a repo reads as a runbook: steps, rollback,"
            + " troubleshooting, warnings, lines not walked, and a verdict.")
final class SurveyCommand implements Callable<Integer> {
  /** How {@code survey} prints. */
  enum Format {
    text,
    json,
    markdown
  }

  @Mixin SourceOptions options;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (the default), json or markdown.")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Sources loaded;
    try {
      // Every Markdown file, READMEs too: survey is where a team learns which files are runbooks.
      loaded = options.load(System.getenv(), Sources.Scope.EVERY_MARKDOWN_FILE);
    } catch (ConfigException | RunbookSource.SourceException e) {
      err.println("shepherd survey: " + e.getMessage());
      return 2;
    }
    List<Survey.Row> rows = new ArrayList<>();
    for (Runbook runbook : loaded.catalog().runbooks()) {
      Survey.Row row = Survey.of(runbook);
      rows.add(
          new Survey.Row(
              loaded.pathPrefix() + row.path(),
              row.steps(),
              row.shape(),
              row.rollback(),
              row.troubleshooting(),
              row.warnings(),
              row.notWalked(),
              row.problems(),
              row.verdict(),
              row.gaps()));
    }
    for (RunbookSource.Unreadable file : loaded.catalog().unreadable()) {
      rows.add(
          new Survey.Row(
              loaded.pathPrefix() + file.path(),
              0,
              "none",
              "none",
              "none",
              0,
              0,
              1,
              Survey.Verdict.NOT_A_RUNBOOK,
              List.of("unreadable: " + file.reason())));
    }
    rows.sort(Comparator.comparing(Survey.Row::path));
    SurveyPrinter view = new SurveyPrinter(rows, loaded.source().describe());
    out.print(
        switch (format) {
          case json -> view.json();
          case markdown -> view.markdown();
          case text -> view.text();
        });
    out.flush();
    return 0;
  }
}
