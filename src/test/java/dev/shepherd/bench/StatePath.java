package dev.shepherd.bench;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.source.FolderSource;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.TestKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clicks through the engine to the database, as fast as {@code threads} operators can click: each
 * thread walks rollouts of the twenty-step runbook on partitions of its own (Done on the current
 * step, accepted, then the same click again on the step that just moved on, refused as stale),
 * starting a new rollout when one completes. Every click is one transaction with its audit row. No
 * Slack and no HTTP: the state path alone.
 */
final class StatePath {
  record Result(long accepted, long refused, long starts, Duration elapsed, OpenLoop.Stats click) {
    double clicksPerSecond() {
      return (accepted + refused) / (elapsed.toNanos() / 1e9);
    }
  }

  private StatePath() {}

  static RolloutService engine(Database database, BenchWorkspace workspace) throws Exception {
    Config config = new ConfigLoader(Map.of()).load(workspace.config);
    Catalog catalog = Catalog.load(new FolderSource(workspace.runbooks), new RunbookParser());
    return new RolloutService(
        new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS),
        config.choreography(),
        () -> catalog,
        Clock.systemUTC(),
        List.of());
  }

  static Result run(RolloutService engine, List<String> partitions, int threads, Duration duration)
      throws Exception {
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong starts = new AtomicLong();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    String run = Long.toString(System.nanoTime(), 36);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                List<String> mine = new ArrayList<>();
                for (int i = thread; i < partitions.size(); i += threads) {
                  mine.add(partitions.get(i));
                }
                long n = 0;
                Map<String, Rollout> walking = new HashMap<>();
                while (System.nanoTime() < deadline) {
                  for (String partition : mine) {
                    Rollout rollout = walking.get(partition);
                    if (rollout == null || !rollout.state().isActive()) {
                      rollout = current(engine, partition, run + ":" + thread + ":" + n++, starts);
                    }
                    Optional<StepRun> step = rollout.currentStep();
                    if (step.isEmpty()) {
                      walking.remove(partition);
                      continue;
                    }
                    int position = step.get().position();
                    long t0 = System.nanoTime();
                    Outcome done =
                        engine.act(
                            new ActionRequest(
                                rollout.id(),
                                Action.DONE,
                                Phase.FORWARD,
                                position,
                                BenchWorkspace.ALICE,
                                run + ":done:" + thread + ":" + n++,
                                Optional.empty()));
                    long t1 = System.nanoTime();
                    Outcome again =
                        engine.act(
                            new ActionRequest(
                                rollout.id(),
                                Action.DONE,
                                Phase.FORWARD,
                                position,
                                BenchWorkspace.ALICE,
                                run + ":again:" + thread + ":" + n++,
                                Optional.empty()));
                    long t2 = System.nanoTime();
                    latencies.add(t1 - t0);
                    latencies.add(t2 - t1);
                    (done instanceof Outcome.Accepted ? accepted : refused).incrementAndGet();
                    walking.put(partition, done.rollout().orElse(rollout));
                    (again instanceof Outcome.Accepted ? accepted : refused).incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    pool.shutdown();
    return new Result(
        accepted.get(), refused.get(), starts.get(), elapsed, OpenLoop.Stats.of(latencies));
  }

  /** Aborts whatever is active on the partitions, so each run starts on free partitions. */
  static void abortAll(RolloutService engine, List<String> partitions) {
    for (String partition : partitions) {
      engine.abortActive(
          partition, BenchWorkspace.ALICE, "bench-abort:" + partition + ":" + System.nanoTime());
    }
  }

  /** The active rollout on the partition, or a new one of the twenty-step runbook. */
  private static Rollout current(
      RolloutService engine, String partition, String key, AtomicLong starts) {
    Optional<Rollout> active = engine.activeOn(partition);
    if (active.isPresent()) {
      return active.get();
    }
    Outcome outcome =
        engine.start(
            new StartRequest(
                "bench-migrate",
                partition,
                BenchWorkspace.ALICE,
                "C0STATE",
                Optional.of("benchmark"),
                key));
    starts.incrementAndGet();
    return outcome
        .rollout()
        .orElseThrow(
            () -> new IllegalStateException("could not start on " + partition + ": " + outcome));
  }
}
