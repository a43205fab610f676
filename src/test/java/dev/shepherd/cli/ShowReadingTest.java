package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code show} says about how a runbook was read, and its exit code when it has no steps. */
class ShowReadingTest {
  private static final String CONFIG = "config/shepherd.yaml";

  @TempDir Path runbooks;

  private Cli.Result show(String id, String... more) {
    String[] args = new String[6 + more.length];
    args[0] = "show";
    args[1] = id;
    args[2] = "--partition";
    args[3] = "dev";
    args[4] = "--config";
    args[5] = CONFIG;
    System.arraycopy(more, 0, args, 6, more.length);
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--runbooks";
    all[args.length + 1] = runbooks.toString();
    return Cli.run(all);
  }

  @Test
  void runbookWithoutStepsExitsOneSayingWhatShapeWasExpectedAndWhatWasFound() throws IOException {
    Files.writeString(
        runbooks.resolve("notes.md"),
        """
        # On-call notes

        - the pager rotates on Mondays
        - escalate after 15 minutes
        """);

    Cli.Result result = show("notes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "shepherd show: "
                + runbooks.toString().replace('\\', '/')
                + "/notes.md: no steps. Shepherd takes the steps where the actions are: numbered or"
                + " action headings, the items of a list of instructions, **Step N:** paragraphs,"
                + " instructions each with their code; put <!-- shepherd: steps --> before the"
                + " procedure if it is elsewhere; nearest thing found: a bullet list on line 3 (most"
                + " of its items do not read as instructions)\n");
    assertThat(result.out()).contains("Introduction\n  - the pager rotates on Mondays");
  }

  @Test
  void textShowsTheIntroductionRunbookWideSectionsAndWhatWasNotWalked() throws IOException {
    Files.writeString(
        runbooks.resolve("restart.md"),
        """
        # Restart the cache

        Restarts drop every cached session.

        <!-- reviewed in March -->

        ## Steps

        1. Drain the node.
        2. Restart it.

        ## If something goes wrong

        Page the cache on-call.

        ## Rollback

        Nothing to undo.
        """);

    Cli.Result result = show("restart");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "\nIntroduction\n  Restarts drop every cached session.\n",
            "\n1. Drain the node  (",
            "\n2. Restart it  (",
            "\nRunbook-wide\n  Troubleshooting\n    Page the cache on-call.\n  Rollback\n    Nothing to undo.\n",
            "\nNot walked\n  "
                + runbooks.toString().replace('\\', '/')
                + "/restart.md:5: HTML comment: not shown to the operator\n");
  }

  @Test
  void jsonListsNotWalkedLinesWithTheirRangeAndWhy() throws IOException {
    Files.writeString(
        runbooks.resolve("tokens.md"),
        """
        # Rotate tokens

        <!--
        owner: platform
        -->

        ## 1) Create the token
        Do it.

        ## 2) Store it
        Do it too.
        """);

    Cli.Result result = show("tokens", "--json");

    assertThat(result.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("shape").asText()).isEqualTo("numbered headings");
    assertThat(json.get("notWalked")).hasSize(1);
    assertThat(json.at("/notWalked/0/from").asInt()).isEqualTo(3);
    assertThat(json.at("/notWalked/0/to").asInt()).isEqualTo(5);
    assertThat(json.at("/notWalked/0/why").asText())
        .isEqualTo("HTML comment: not shown to the operator");
  }
}
