package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code show --json} on the shipped runbooks and config, checked against the runbook files
 * themselves: every line number is looked up in the file, and every command is the file's text with
 * the partition's variables filled in by the test.
 */
class ShowCommandTest {
  private static final String CONFIG = "config/shepherd.yaml";
  private static final List<String> RUNBOOKS =
      List.of("oam-secrets", "operate-shepherd", "rotate-gh-token", "vault-bootstrap");
  private static final Map<String, Map<String, String>> VARS =
      Map.of(
          "dev", Map.of("region", "us-east-2", "account", "111111111111", "vault", "Arda-DevOAM"),
          "stage",
              Map.of("region", "us-east-2", "account", "222222222222", "vault", "Arda-StageOAM"),
          "prod",
              Map.of("region", "us-east-1", "account", "333333333333", "vault", "Arda-ProdOAM"));
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][\\w.-]*)\\s*}}");

  /** Headings in the shipped runbooks that are not steps. */
  private static final Pattern NOT_A_STEP =
      Pattern.compile(
          "#{2,4} (Verify|Expected|Troubleshooting"
              + "|Diagnosis|Rollback|Cleanup|Prerequisites|Pre-Flight Checklist|Steps|Rollback plan)");

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> shippedRunbooksOnEachPartition() {
    return RUNBOOKS.stream()
        .flatMap(
            runbook ->
                Stream.of("dev", "stage", "prod")
                    .map(partition -> Arguments.of(runbook, partition)));
  }

  private static JsonNode showJson(String runbook, String partition) throws IOException {
    Cli.Result result =
        Cli.run("show", runbook, "--partition", partition, "--json", "--config", CONFIG);
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    return JSON.readTree(result.out());
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("shippedRunbooksOnEachPartition")
  void jsonMatchesTheRunbookFileRenderedForThePartition(String id, String partition)
      throws IOException {
    Path file = Path.of("runbooks", id + ".md");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

    JsonNode json = showJson(id, partition);

    assertThat(json.at("/runbook/id").asText()).isEqualTo(id);
    assertThat(json.at("/runbook/path").asText()).isEqualTo("runbooks/" + id + ".md");
    assertThat(json.at("/runbook/revision/kind").asText()).isEqualTo("content");
    assertThat(json.at("/runbook/revision/id").asText()).isEqualTo(sha256(file));
    assertThat(json.at("/partition/name").asText()).isEqualTo(partition);
    assertThat(json.at("/partition/protected").asBoolean()).isEqualTo(partition.equals("prod"));
    assertThat(json.at("/partition/last").asBoolean()).isEqualTo(partition.equals("prod"));
    assertThat(json.at("/partition/approvals").asInt()).isEqualTo(partition.equals("prod") ? 2 : 1);
    assertThat(texts(json.get("order"))).containsExactly("dev", "stage", "prod");
    assertThat(json.get("undefinedVariables")).isEmpty();
    assertThat(json.get("problems")).isEmpty();
    assertThat(json.toString()).doesNotContain("{{");

    assertThat(json.get("checklist")).isNotEmpty();
    for (JsonNode item : json.get("checklist")) {
      assertThat(render(lines.get(item.get("line").asInt() - 1), partition))
          .endsWith(item.get("text").asText());
    }

    List<Integer> headingLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("#{2,3} .*") && !NOT_A_STEP.matcher(lines.get(i)).matches()) {
        headingLines.add(i + 1);
      }
    }
    JsonNode steps = json.get("steps");
    assertThat(steps).extracting(s -> s.get("line").asInt()).isEqualTo(headingLines).isNotEmpty();
    for (JsonNode step : steps) {
      int line = step.get("line").asInt();
      String heading = lines.get(line - 1);
      assertThat(heading)
          .as("line %d of %s", line, file)
          .startsWith("#")
          .endsWith(" " + step.get("title").asText());
      assertThat(step.get("location").asText()).isEqualTo("runbooks/" + id + ".md:" + line);
      assertThat(step.get("approvalRequired").asBoolean())
          .as("approval of %s", heading)
          .isEqualTo(partition.equals("prod") || saysApprovalRequired(lines, line, headingLines));

      assertThat(step.get("commands")).as("commands of %s", heading).isNotEmpty();
      for (JsonNode command : step.get("commands")) {
        assertCommandIsTheFileRendered(command, lines, partition);
      }
      for (JsonNode command : step.at("/verify/commands")) {
        assertCommandIsTheFileRendered(command, lines, partition);
      }
      JsonNode rollback = step.get("rollback");
      assertThat(rollback.isObject()).as("rollback of %s", heading).isTrue();
      // Prose is shown with its paragraphs on one line: the file's line is where the text starts.
      String shown = rollback.get("text").asText().lines().findFirst().orElseThrow();
      String written = render(lines.get(rollback.get("line").asInt() - 1), partition).strip();
      int start = written.indexOf(shown.substring(0, Math.min(shown.length(), 20)));
      assertThat(start).as("rollback of %s", heading).isNotNegative();
      assertThat(shown).startsWith(written.substring(start));
      for (JsonNode command : rollback.get("commands")) {
        assertCommandIsTheFileRendered(command, lines, partition);
      }
      assertThat(step.get("troubleshooting")).as("troubleshooting of %s", heading).isNotEmpty();
      for (JsonNode row : step.get("troubleshooting")) {
        String source = render(lines.get(row.get("line").asInt() - 1), partition);
        assertThat(source).contains(row.get("symptom").asText());
        if (source.startsWith("|")) {
          assertThat(source).contains(row.get("cause").asText(), row.get("fix").asText());
        }
      }
    }
  }

  @Test
  void oamSecretsOnProdNeedsApprovalEverywhereAndUsesProdValues() throws IOException {
    JsonNode json = showJson("oam-secrets", "prod");

    assertThat(json.at("/runbook/title").asText()).isEqualTo("Roll out partition OAM secrets");
    // The runbook names two of prod's approvers: it narrows prod to them.
    assertThat(texts(json.get("approvers"))).containsExactly("U024BE7LH", "U0G9QF9C6");
    assertThat(json.get("steps"))
        .extracting(s -> s.get("title").asText())
        .containsExactly(
            "Check for drift",
            "Deploy the stack",
            "Verify the service reads its secrets",
            "Clean up the shared store");
    assertThat(json.get("steps"))
        .extracting(s -> s.get("line").asInt())
        .containsExactly(16, 31, 56, 73);
    assertThat(json.get("steps"))
        .extracting(s -> s.get("approvalRequired").asBoolean())
        .containsExactly(true, true, true, true);
    JsonNode deploy = json.at("/steps/1");
    assertThat(deploy.at("/commands/0/code").asText())
        .isEqualTo(
            "./amm.sh deploy oam-secrets --partition prod --region us-east-1 --account 333333333333\n");
    assertThat(deploy.at("/commands/0/line").asInt()).isEqualTo(37);
    assertThat(deploy.at("/warnings/0/text").asText())
        .isEqualTo("this replaces the secret in Arda-ProdOAM.");
    assertThat(deploy.at("/warnings/0/line").asInt()).isEqualTo(34);
    assertThat(deploy.at("/rollback/commands/0/code").asText())
        .isEqualTo(
            "./amm.sh rollback oam-secrets --partition prod --region us-east-1 --to previous\n");
    assertThat(deploy.at("/troubleshooting/0/fix").asText())
        .isEqualTo("create the missing secret in Arda-ProdOAM, rerun the deploy");
    assertThat(json.at("/steps/3/cleanup/text").asText())
        .isEqualTo("Remove the local dry-run reports: `rm -f prune-prod-*.json`.");
    assertThat(texts(json.get("checklist"), "text"))
        .containsExactly(
            "Vault Arda-ProdOAM exists and the deploy role can read it",
            "Rollback procedure below was read by an approver",
            "On-call for prod knows the rollout window");
  }

  @Test
  void oamSecretsOnDevNeedsApprovalOnlyWhereTheRunbookSaysSo() throws IOException {
    JsonNode json = showJson("oam-secrets", "dev");

    assertThat(json.get("steps"))
        .extracting(s -> s.get("approvalRequired").asBoolean())
        .containsExactly(false, true, false, true);
    assertThat(json.at("/steps/0/commands/0/code").asText())
        .isEqualTo("./amm.sh drift-check --partition dev --region us-east-2\n");
    assertThat(texts(json.get("approvers"))).containsExactly("U024BE7LH", "U0G9QF9C6");
  }

  @Test
  void rotateGhTokenReadsBoldLabelsAndInheritsTheRollbackPlan() throws IOException {
    JsonNode json = showJson("rotate-gh-token", "stage");

    assertThat(json.get("steps"))
        .extracting(s -> s.get("title").asText())
        .containsExactly(
            "Store the new token", "Restart the deploy runner", "Revoke the old token");
    assertThat(json.get("steps"))
        .extracting(s -> s.get("line").asInt())
        .containsExactly(17, 35, 48);
    assertThat(texts(json.get("checklist"), "text"))
        .containsExactly(
            "A new token with `repo` and `read:org` scopes was created in GitHub",
            "The old token's expiry date is noted in the ticket");
    assertThat(json.at("/steps/0/verify/text").asText())
        .isEqualTo(
            "`Updated item gh-token in vault Arda-StageOAM`, and the token reads back:\n```bash\n"
                + "GH_TOKEN=\"$(op read op://Arda-StageOAM/gh-token/credential)\" gh api /user --jq .login\n```");
    assertThat(json.at("/steps/0/rollback/inherited").asBoolean()).isFalse();
    assertThat(json.at("/steps/0/troubleshooting/0/cause").asText())
        .isEqualTo("your 1Password account cannot write to Arda-StageOAM");
    assertThat(json.at("/steps/1/commands/0/code").asText())
        .isEqualTo("./amm.sh restart deploy-runner --partition stage --region us-east-2\n");
    JsonNode revoke = json.at("/steps/2");
    assertThat(revoke.at("/rollback/inherited").asBoolean()).isTrue();
    assertThat(revoke.at("/rollback/line").asInt()).isEqualTo(60);
    assertThat(revoke.at("/rollback/text").asText())
        .startsWith("A revoked token cannot be restored");
  }

  @Test
  void vaultBootstrapWithoutFrontMatterTakesIdFromFileAndSharesTroubleshooting()
      throws IOException {
    JsonNode json = showJson("vault-bootstrap", "prod");

    assertThat(json.at("/runbook/title").asText()).isEqualTo("Bootstrap a partition's vault");
    // No approvers of its own: prod's, as the config names them.
    assertThat(texts(json.get("approvers")))
        .containsExactly("U0PRODLEAD", "U0PRODSRE", "U024BE7LH", "U0G9QF9C6");
    assertThat(texts(json.get("checklist"), "text"))
        .containsExactly(
            "The 1Password service account for prod exists",
            "333333333333 is the AWS account of prod");
    assertThat(json.get("steps"))
        .extracting(s -> s.get("troubleshootingInherited").asBoolean())
        .containsExactly(true, true);
    assertThat(json.get("steps"))
        .extracting(s -> s.at("/troubleshooting/1/line").asInt())
        .containsExactly(36, 36);
    assertThat(json.at("/steps/0/commands/0/code").asText())
        .isEqualTo("op vault create Arda-ProdOAM --description \"OAM secrets for prod\"\n");
  }

  @Test
  void showFindsARunbookByItsPath() throws IOException {
    Cli.Result result =
        Cli.run(
            "show",
            "runbooks/vault-bootstrap.md",
            "--partition",
            "dev",
            "--json",
            "--config",
            CONFIG);

    assertThat(result.exitCode()).isZero();
    assertThat(JSON.readTree(result.out()).at("/runbook/id").asText()).isEqualTo("vault-bootstrap");
  }

  @Test
  void unknownRunbookIdExitsTwoWithOneLineNamingTheIds() {
    Cli.Result result =
        Cli.run("show", "nope", "--partition", "prod", "--json", "--config", CONFIG);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines())
        .containsExactly(
            "shepherd show: no runbook \"nope\" in runbooks"
                + " (ids: oam-secrets, operate-shepherd, rotate-gh-token, vault-bootstrap)");
  }

  @Test
  void unknownPartitionExitsTwoWithOneLineNamingThePartitions() {
    Cli.Result result =
        Cli.run("show", "oam-secrets", "--partition", "qa", "--json", "--config", CONFIG);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines())
        .containsExactly(
            "shepherd show: no partition \"qa\" in "
                + Path.of(CONFIG)
                + " (partitions: dev, stage, prod)");
  }

  @Test
  void runbookLimitedToOtherPartitionsExitsTwo(@TempDir Path dir) throws IOException {
    Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
    Files.writeString(
        runbooks.resolve("dev-only.md"), "---\npartitions: [dev]\n---\n## Step 1: Go\nGo.\n");
    Cli.Result result =
        Cli.run(
            "show",
            "dev-only",
            "--partition",
            "prod",
            "--config",
            CONFIG,
            "--runbooks",
            runbooks.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines())
        .containsExactly(
            "shepherd show: runbook dev-only does not apply to prod (its partitions: dev)");
  }

  @Test
  void paragraphWrappedOverSeveralLinesIsShownAsWrittenOnOneLine(@TempDir Path dir)
      throws IOException {
    Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
    Files.writeString(
        runbooks.resolve("wrapped.md"),
        """
        # Wrapped

        Moves the secrets of {{partition}}
          into the partition's own vault,
        one service at a time.
        Ends here with a hard break \\
        after a backslash, and another \s
        after two spaces.

        | a | b |
        | --- | --- |
        | c | d |

        ## Step 1: Deploy
        Deploy the stack
        and wait.
        - first item
          wrapped
        - second item
        ```bash
        ./deploy.sh
        --all
        ```
        """);
    Cli.Result result =
        Cli.run(
            "show",
            "wrapped",
            "--partition",
            "dev",
            "--json",
            "--config",
            CONFIG,
            "--runbooks",
            runbooks.toString());

    assertThat(result.err()).isEmpty();
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.at("/introduction").asText())
        .isEqualTo(
            "Moves the secrets of dev into the partition's own vault, one service at a time."
                + " Ends here with a hard break \\\n"
                + "after a backslash, and another  \n"
                + "after two spaces.\n\n"
                + "| a | b |\n| --- | --- |\n| c | d |");
    assertThat(json.at("/steps/0/instructions").asText())
        .isEqualTo(
            "Deploy the stack and wait.\n"
                + "- first item\n  wrapped\n- second item\n"
                + "```bash\n./deploy.sh\n--all\n```");
  }

  /** The code of a command is the file's lines from its line on, with the variables filled. */
  private static void assertCommandIsTheFileRendered(
      JsonNode command, List<String> lines, String partition) {
    int line = command.get("line").asInt();
    String code = command.get("code").asText();
    int count = (int) code.lines().count();
    String source = String.join("\n", lines.subList(line - 1, line - 1 + count)) + "\n";
    assertThat(code).as("command at line %d", line).isEqualTo(render(source, partition));
    if (source.contains("--region {{region}}")) {
      assertThat(code).contains("--region " + VARS.get(partition).get("region"));
    }
  }

  /** Whether the runbook text between this step's heading and the next says Approval: required. */
  private static boolean saysApprovalRequired(
      List<String> lines, int line, List<Integer> headings) {
    int next = headings.stream().filter(h -> h > line).findFirst().orElse(lines.size() + 1);
    return lines.subList(line, next - 1).stream().anyMatch(l -> l.equals("Approval: required"));
  }

  /** The test's own rendering: {@code {{name}}} replaced by the partition's value. */
  private static String render(String text, String partition) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = name.equals("partition") ? partition : VARS.get(partition).get(name);
      assertThat(value).as("test table lacks {{%s}}", name).isNotNull();
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(out).toString();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.get(field).asText()));
    return texts;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
