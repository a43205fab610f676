package dev.shepherd.slack.view;

import static dev.shepherd.slack.view.BlockKitLimits.assertSlackTakes;

import dev.shepherd.audit.Phase;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.Summary;
import dev.shepherd.runbook.Renderer;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runbooks drawn at random from hostile shapes (very long titles, 300 steps, 60 troubleshooting
 * rows, huge checklists, text full of what mrkdwn parses): every message and view Shepherd would
 * post for them is one Slack takes. Seeded, so a failure names the runbook that broke it. (Code
 * fences are not required to pair up here: random text still leaves some unpaired, which Slack
 * shows oddly but accepts.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileRunbookPropertyTest {
  private static final String[] PIECES = {
    "&",
    "<",
    ">",
    "*",
    "_",
    "~",
    "`",
    "```",
    "|",
    "😀",
    "Zürich ",
    "日本語 ",
    "<@U0ALICE> ",
    "<!here> ",
    "{{partition}} ",
    "\\",
    "\"",
    "\n",
    "word "
  };

  static Stream<Long> seeds() {
    return IntStream.rangeClosed(1, 24).mapToObj(i -> (long) i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyViewOfAHostileRunbookIsOneSlackTakes(long seed) {
    Random random = new Random(seed);
    int steps = new int[] {1, 7, 60, 300}[random.nextInt(4)];
    Runbook runbook = parse(hostileRunbook(random, steps));
    Rollout rollout = rollout(runbook, random);

    assertSlackTakes(RootMessageView.render(rollout, runbook, "runbooks/hostile.md"));
    for (int position :
        List.of(1, Math.max(1, runbook.steps().size() / 2), runbook.steps().size())) {
      Step step = runbook.step(position).orElseThrow();
      StepRun posted = run(Phase.FORWARD, step, StepState.POSTED);
      StepRun failed = run(Phase.FORWARD, step, StepState.FAILED);
      assertSlackTakes(StepMessageView.render(rollout, posted, step, true, "runbooks/hostile.md"));
      assertSlackTakes(
          FailureMessageView.render(rollout, failed, step, true, "runbooks/hostile.md"));
      assertSlackTakes(
          RollbackStepView.render(
              rollout,
              run(Phase.ROLLBACK, step, StepState.POSTED),
              step,
              true,
              "runbooks/hostile.md"));
      assertSlackTakes(ScheduleView.nudge(rollout, posted, Duration.ofMinutes(95)));
      assertSlackTakes(
          ScheduleView.escalation(
              rollout,
              posted,
              Duration.ofHours(3),
              "https://slack.com/archives/C0DEPLOYS/p1764000000000100"));
    }
    List<ChecklistState> checklist = new ArrayList<>();
    for (int i = 0; i < runbook.checklist().size(); i++) {
      boolean ticked = random.nextBoolean();
      checklist.add(
          new ChecklistState(
              i + 1,
              runbook.checklist().get(i).text(),
              ticked ? Optional.of("U0ALICE") : Optional.empty(),
              ticked ? Optional.of(ViewFixture.T0) : Optional.empty()));
    }
    assertSlackTakes(ScheduleView.reminder(rollout, checklist, Duration.ofHours(24)));
    assertSlackTakes(ScheduleView.due(rollout, checklist, true));
    assertSlackTakes(SummaryMessageView.render(summary(rollout), "runbooks/hostile.md"));
  }

  private static String hostileRunbook(Random random, int steps) {
    StringBuilder text =
        new StringBuilder("---\nid: hostile\ntitle: \"")
            .append(line(random, 400 + random.nextInt(2000)).replace("\"", "'").replace("\\", "/"))
            .append("\"\nchecklist:\n");
    int items = random.nextInt(4) == 0 ? 200 : 1 + random.nextInt(30);
    for (int i = 0; i < items; i++) {
      text.append("  - \"")
          .append(line(random, 10 + random.nextInt(600)).replace("\"", "'").replace("\\", "/"))
          .append("\"\n");
    }
    text.append("---\n# ").append(line(random, 300)).append("\n\n");
    for (int s = 1; s <= steps; s++) {
      text.append("## Step ")
          .append(s)
          .append(": ")
          .append(line(random, 1 + random.nextInt(900)))
          .append('\n');
      if (random.nextInt(5) == 0) {
        text.append("Approval: required\n");
      }
      text.append(block(random, 1 + random.nextInt(3000)))
          .append("\n```bash\n")
          .append(line(random, random.nextInt(4000)).replace("```", "'''"))
          .append("\n```\n");
      int rows = random.nextInt(6) == 0 ? 60 : random.nextInt(4);
      if (rows > 0) {
        text.append("### Troubleshooting\n| Symptom | Cause | Fix |\n| --- | --- | --- |\n");
        for (int r = 0; r < rows; r++) {
          text.append("| ")
              .append(cell(random))
              .append(" | ")
              .append(cell(random))
              .append(" | ")
              .append(cell(random))
              .append(" |\n");
        }
      }
      if (random.nextBoolean()) {
        text.append("### Rollback\n").append(block(random, 1 + random.nextInt(2000))).append('\n');
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String cell(Random random) {
    return line(random, 1 + random.nextInt(700)).replace("|", "/");
  }

  /** One line of hostile text (a title, a table cell). */
  private static String line(Random random, int length) {
    return block(random, length).replace("\n", " ").replace("#", "").strip() + " x";
  }

  private static String block(Random random, int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static Runbook parse(String text) {
    Runbook parsed = new RunbookParser().parse("hostile.md", text, Revision.commit("abc1234def"));
    return Renderer.render(parsed, Partition.of("prod", Map.of())).runbook();
  }

  private static StepRun run(Phase phase, Step step, StepState state) {
    return ViewFixture.run(
        phase, step.number(), step.number(), step.title(), step.approvalRequired(), state);
  }

  private static Rollout rollout(Runbook runbook, Random random) {
    List<StepRun> runs =
        runbook.steps().stream()
            .map(s -> run(Phase.FORWARD, s, s.number() == 1 ? StepState.POSTED : StepState.PENDING))
            .toList();
    String partition =
        random.nextBoolean() ? "prod" : "partition-" + "ü".repeat(random.nextInt(200));
    return new Rollout(
        "r-" + Long.toHexString(random.nextLong()).replace("-", ""),
        new RunbookRef(runbook.id(), "hostile.md", runbook.title(), Revision.commit("abc1234def")),
        partition,
        "U0OPERATOR",
        new ChatThread("C0DEPLOYS", Optional.of("1764000000.000100")),
        RolloutState.RUNNING,
        ViewFixture.T0,
        Optional.empty(),
        Optional.of(ViewFixture.T0),
        Optional.empty(),
        Optional.empty(),
        List.of(line(random, 2000)),
        List.of("U0ALICE", "U0BOB"),
        2,
        runs,
        List.of(),
        3);
  }

  private static Summary summary(Rollout rollout) {
    List<Summary.StepOutcome> outcomes =
        rollout.steps(Phase.FORWARD).stream()
            .map(
                s ->
                    new Summary.StepOutcome(
                        s.position(),
                        s.title(),
                        StepState.DONE,
                        Optional.of("U0ALICE"),
                        Optional.of(ViewFixture.T0),
                        List.of("U0BOB"),
                        Optional.empty()))
            .toList();
    return new Summary(
        rollout,
        Optional.of(Duration.ofHours(5)),
        List.of("U0BOB"),
        outcomes,
        List.of(),
        List.of(),
        List.of(),
        "stage");
  }
}
