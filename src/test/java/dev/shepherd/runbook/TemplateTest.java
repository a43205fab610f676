package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.partition.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** {@code {{name}}} placeholders: filled per partition, escaped, and reported with file lines. */
class TemplateTest {
  private static final Partition PROD =
      Partition.of("prod", Map.of("region", "us-east-1", "vault", "ProdVault", "db.host", "db1"));

  private static Rendition render(String markdown) {
    return Renderer.render(
        new RunbookParser().parse("t.md", markdown, Revision.content("test")), PROD);
  }

  @Test
  void fillsNamesWithAndWithoutSpacesAndThePartitionName() {
    Template.Result result =
        Template.render(
            "deploy --partition {{ partition }} --region {{region}} --host {{  db.host }}",
            PROD::variable);

    assertThat(result.text()).isEqualTo("deploy --partition prod --region us-east-1 --host db1");
    assertThat(result.undefined()).isEmpty();
  }

  @Test
  void backslashEscapeWritesLiteralBracesAndIsNotAVariable() {
    Template.Result result =
        Template.render(
            "helm template \\{{ .Values.image }} and \\{{region}} but {{region}}", PROD::variable);

    assertThat(result.text())
        .isEqualTo("helm template {{ .Values.image }} and {{region}} but us-east-1");
    assertThat(result.undefined()).isEmpty();
    assertThat(Template.names("\\{{region}} {{vault}} {{ partition }} {{vault}}"))
        .containsExactly("vault", "partition");
  }

  @Test
  void undefinedNameIsLeftAsWrittenAndReportedWithItsLineOffset() {
    Template.Result result =
        Template.render(
            "first {{region}}\nsecond\nthird {{ account }} {{nope}}",
            name -> name.equals("region") ? Optional.of("eu-west-1") : Optional.empty());

    assertThat(result.text()).isEqualTo("first eu-west-1\nsecond\nthird {{ account }} {{nope}}");
    assertThat(result.undefined())
        .containsExactly(new Template.Use("account", 2), new Template.Use("nope", 2));
  }

  @Test
  void textWithoutPlaceholdersIsReturnedAsIs() {
    assertThat(Template.render("awk '{print $1}' {x}", PROD::variable))
        .isEqualTo(new Template.Result("awk '{print $1}' {x}", List.of()));
  }

  @Test
  void rendersEveryPartOfTheRunbookForThePartition() {
    Rendition rendition =
        render(
            """
        ---
        title: Rotate {{vault}} in {{partition}}
        checklist:
          - "{{vault}} is unlocked"
        ---
        ## Step 1: Rotate in {{region}}
        > **Warning:** {{vault}} is read by every service.

        Log in to {{region}}:
        ```bash
        ./rotate.sh --vault {{vault}} --literal '\\{{x}}'
        ```
        ### Verify
        `{{vault}}: rotated`
        ### Troubleshooting
        | Symptom | Cause | Fix |
        | --- | --- | --- |
        | `{{vault}} sealed` | a restart | unseal {{vault}} |
        ### Rollback
        ./rotate.sh --vault {{vault}} --undo
        """);

    Runbook runbook = rendition.runbook();
    assertThat(rendition.undefined()).isEmpty();
    assertThat(runbook.title()).isEqualTo("Rotate ProdVault in prod");
    assertThat(runbook.checklist()).containsExactly(new ChecklistItem("ProdVault is unlocked", 4));
    Step step = runbook.steps().get(0);
    assertThat(step.title()).isEqualTo("Rotate in us-east-1");
    assertThat(step.warnings())
        .containsExactly(new Warning("ProdVault is read by every service.", 7));
    assertThat(step.instructions().markdown()).startsWith("Log in to us-east-1:\n");
    assertThat(step.commands())
        .containsExactly(
            new Command("bash", "./rotate.sh --vault ProdVault --literal '{{x}}'\n", 11));
    assertThat(step.verify().orElseThrow().markdown()).isEqualTo("`ProdVault: rotated`");
    assertThat(step.troubleshooting())
        .containsExactly(
            new TroubleshootingRow("`ProdVault sealed`", "a restart", "unseal ProdVault", 18));
    assertThat(step.rollback().orElseThrow().markdown())
        .isEqualTo("./rotate.sh --vault ProdVault --undo");
  }

  @Test
  void undefinedVariablesAreReportedWithTheirFileLines() {
    Rendition rendition =
        render(
            """
        ---
        title: Deploy {{ app }}
        checklist:
          - ok
          - "{{ticket}} is approved"
        ---
        # Ignored heading

        ## Step 1: Deploy {{app}}
        > **Warning:** pages {{oncall}}

        Intro.
        ```bash
        ./deploy.sh \\
          --region {{region}} \\
          --account {{account}}
        ```
        ### Troubleshooting
        | Symptom | Cause | Fix |
        | --- | --- | --- |
        | fine | fine | fine |
        | `denied` | wrong {{account}} | fix {{role}} |
        ### Rollback
        Roll back.

        Then tell {{oncall}}.
        """);

    assertThat(rendition.undefined())
        .containsExactlyInAnyOrder(
            new Rendition.UndefinedVariable("app", 2),
            new Rendition.UndefinedVariable("ticket", 5),
            new Rendition.UndefinedVariable("app", 9),
            new Rendition.UndefinedVariable("oncall", 10),
            new Rendition.UndefinedVariable("account", 16),
            new Rendition.UndefinedVariable("account", 22),
            new Rendition.UndefinedVariable("role", 22),
            new Rendition.UndefinedVariable("oncall", 26));
    assertThat(rendition.isComplete()).isFalse();
    assertThat(rendition.runbook().steps().get(0).commands().get(0).code())
        .isEqualTo("./deploy.sh \\\n  --region us-east-1 \\\n  --account {{account}}\n");
  }

  @Test
  void undefinedVariableInATitleHeadingIsReportedOnTheHeadingLine() {
    Rendition rendition =
        render(
            """
        ---
        id: heading-title
        ---

        # Deploy {{app}}

        ## Step 1: Go
        Go.
        """);

    assertThat(rendition.runbook().title()).isEqualTo("Deploy {{app}}");
    assertThat(rendition.undefined()).containsExactly(new Rendition.UndefinedVariable("app", 5));
  }

  @Test
  void placeholdersAreReadExactlyAsTheirPatternDefinesThem() {
    // The hand-written reader must agree with the pattern on every shape, near misses included.
    List<String> texts =
        List.of(
            "{{a}}",
            "{{ a }}",
            "{{\ta.b-c_1\n}}",
            "{{1a}}",
            "{{ }}",
            "{{a b}}",
            "{{a}",
            "{{a}x}",
            "{{a.}}",
            "{{_}}",
            "{{-a}}",
            "{{a\u000B}}",
            "{{{a}}}",
            "{{",
            "}}",
            "{{a}}}",
            "{{ä}}",
            "{{a\u00A0}}",
            "x{{y}}z{{ z }}");
    Random random = new Random(7);
    List<String> all = new ArrayList<>(texts);
    String alphabet = "{} \t\n\u000Ba1_.-\\z";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder("{{");
      for (int n = random.nextInt(8); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      all.add(text.toString());
    }
    for (String text : all) {
      for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", open + 1)) {
        Matcher matcher = Template.PLACEHOLDER.matcher(text).region(open, text.length());
        int expected = matcher.lookingAt() ? matcher.end() : -1;
        assertThat(Template.placeholderEnd(text, open))
            .as(text + " at " + open)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void usesAreWhatRenderingWithNothingDefinedReportsAsUndefined() {
    // Lint reads uses without rendering; both must see the same placeholders on the same lines.
    Random random = new Random(11);
    String alphabet = "{{}} \n\\ab_.-";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(24); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String written = text.toString();
      assertThat(Template.uses(written))
          .as(written)
          .isEqualTo(Template.render(written, name -> Optional.empty()).undefined());
    }
    assertThat(Template.uses("a {{x}}\n\\{{y}} {{ z }}\n{{x}}"))
        .containsExactly(
            new Template.Use("x", 0), new Template.Use("z", 1), new Template.Use("x", 2));
  }
}
