package dev.shepherd.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.finding.RunbookFinding.Kind;
import dev.shepherd.learning.writeback.BranchPublisher;
import dev.shepherd.learning.writeback.Proposal;
import dev.shepherd.learning.writeback.ProposalWriter;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.source.UnifiedDiff;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proposals from a rollout kept in a real database, against the text it pinned. */
class ProposalsTest {
  private EngineFixture engine;
  private Rollout rollout;
  private final List<BranchPublisher.Request> pushed = new ArrayList<>();

  @BeforeEach
  void start() {
    engine = new EngineFixture(TestDatabases.h2());
    rollout = engine.started("dev");
  }

  @AfterEach
  void close() {
    engine.database.close();
  }

  private ProposalWriter proposals(List<RunbookFinding> found, Optional<BranchPublisher> branches) {
    return new ProposalWriter(
        new JdbcRolloutStore(engine.database.dataSource(), TestKeys.KEYS),
        id -> id.equals(rollout.id()) ? found : List.of(),
        UnifiedDiff::of,
        path -> "runbooks/" + path,
        branches);
  }

  private RunbookFinding finding(Kind kind, int step, String title, String symptom, String detail) {
    return new RunbookFinding(
        kind.name().toLowerCase() + ":" + step + ":1",
        rollout.id(),
        "oam-secrets",
        rollout.runbook().revision(),
        "dev",
        Instant.parse("2026-11-27T09:30:00Z"),
        kind,
        step,
        title,
        symptom,
        detail,
        Found.fixed("re-ran `./amm.sh smoke` after the cache expired", "a stale DNS cache"),
        Optional.empty());
  }

  @Test
  void aRolloutsFindingsBecomeADiffAgainstItsPinnedText() {
    List<RunbookFinding> found =
        List.of(
            finding(Kind.UNMATCHED_SYMPTOM, 3, "Smoke test", "`smoke: 502 from edge-lb`", ""),
            finding(Kind.OVERRIDE, 0, "", "", "started before stage"));

    Proposal proposal = proposals(found, Optional.empty()).propose(rollout.id());

    assertThat(proposal.isEmpty()).isFalse();
    assertThat(proposal.path()).isEqualTo("runbooks/oam-secrets.md");
    assertThat(proposal.findings()).containsExactly(found.get(0));
    assertThat(proposal.diff())
        .startsWith(
            """
        diff --git a/runbooks/oam-secrets.md b/runbooks/oam-secrets.md
        --- a/runbooks/oam-secrets.md
        +++ b/runbooks/oam-secrets.md
        """)
        .contains(
            """
        +### Troubleshooting
        +
        +| Symptom | Cause | Fix |
        +| --- | --- | --- |
        +| `smoke: 502 from edge-lb` | a stale DNS cache | re-ran `./amm.sh smoke` after the cache expired |
        """);
    assertThat(proposal.text()).contains("| `smoke: 502 from edge-lb` |");
    assertThat(proposal.branch()).isEmpty();
    assertThat(proposal.nothing()).isEmpty();
  }

  @Test
  void withBranchesConfiguredOneCommitIsPushedAndLinked() {
    List<RunbookFinding> found =
        List.of(finding(Kind.SKIPPED, 1, "Check for drift", "", "no drift possible"));
    ProposalWriter proposals =
        proposals(
            found,
            Optional.of(
                request -> {
                  pushed.add(request);
                  return "https://github.com/acme/infra/compare/main..."
                      + request.branch()
                      + "?expand=1";
                }));

    Proposal proposal = proposals.propose(rollout.id());

    String shortId = rollout.id().substring(0, 8);
    assertThat(proposal.branch())
        .contains(
            "https://github.com/acme/infra/compare/main...shepherd/oam-secrets-"
                + shortId
                + "?expand=1");
    BranchPublisher.Request request = pushed.get(0);
    assertThat(request.branch()).isEqualTo("shepherd/oam-secrets-" + shortId);
    assertThat(request.pinned()).isEqualTo(rollout.runbook().revision());
    assertThat(request.text()).isEqualTo(proposal.text());
    assertThat(request.when()).isEqualTo(Instant.parse("2026-11-27T09:30:00Z"));
    assertThat(request.message())
        .isEqualTo(
            "oam-secrets: what rollout "
                + shortId
                + " on dev found\n\n"
                + "Proposed by Shepherd from rollout "
                + rollout.id()
                + " of \"Roll out OAM secrets on"
                + " dev\" on dev, which ran commit rev-1.\n\n"
                + "- step 1 (Check for drift): a note: Skipped in rollout "
                + shortId
                + " on dev: no drift"
                + " possible. Fixed by: re-ran `./amm.sh smoke` after the cache expired.\n\n"
                + "Findings: skipped:1:1\n");
  }

  @Test
  void aPatchThatLintsWorseIsNotPushedAndSaysWhy() {
    List<RunbookFinding> found =
        List.of(finding(Kind.SLOW, 2, "Deploy", "", "took 40m; median 4m"));
    ProposalWriter gated =
        new ProposalWriter(
            new JdbcRolloutStore(engine.database.dataSource(), TestKeys.KEYS),
            id -> found,
            UnifiedDiff::of,
            path -> "runbooks/" + path,
            Optional.of(
                request -> {
                  pushed.add(request);
                  return "pushed";
                }),
            (pinned, patched) -> List.of("warning: step 2 (Deploy) has no Troubleshooting rows"));

    Proposal proposal = gated.propose(rollout.id());

    assertThat(pushed).isEmpty();
    assertThat(proposal.diff()).contains("+> **Note:** Took far longer than usual in rollout");
    assertThat(proposal.branchProblem())
        .contains(
            "the patched runbook lints worse than the pinned"
                + " one (warning: step 2 (Deploy) has no Troubleshooting rows): fix the diff by hand before"
                + " it is merged");
  }

  @Test
  void aBranchThatCannotBePushedStillGivesTheDiffAndSaysWhy() {
    List<RunbookFinding> found =
        List.of(finding(Kind.SLOW, 2, "Deploy", "", "took 40m; median 4m"));
    Proposal proposal =
        proposals(
                found,
                Optional.of(
                    request -> {
                      throw new BranchPublisher.Failed("cannot push: the token is read-only", null);
                    }))
            .propose(rollout.id());

    assertThat(proposal.diff()).contains("+> **Note:** Took far longer than usual in rollout");
    assertThat(proposal.branch()).isEmpty();
    assertThat(proposal.branchProblem()).contains("cannot push: the token is read-only");
  }

  @Test
  void withNothingNewThereIsNothingToProposeAndNoBranch() {
    Proposal proposal =
        proposals(
                List.of(),
                Optional.of(
                    request -> {
                      throw new AssertionError("nothing to push");
                    }))
            .propose(rollout.id());

    assertThat(proposal.isEmpty()).isTrue();
    assertThat(proposal.nothing())
        .contains(
            "Rollout "
                + rollout.id().substring(0, 8)
                + " found nothing its runbook does not say: nothing to propose.");
  }

  @Test
  void anUnknownRolloutIsRefusedByName() {
    assertThatThrownBy(() -> proposals(List.of(), Optional.empty()).propose("nope"))
        .isInstanceOf(ProposalWriter.NoSuchRollout.class)
        .hasMessage("no rollout nope in this database");
  }
}
