package dev.shepherd.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.chat.CallAllowance;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The chat.update allowance kept in the database: replicas (here two budgets on one database, each
 * as a replica builds it) spend one allowance between them, and a 429 one of them met holds both.
 * Counts at fixed instants, not durations.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JdbcCallAllowanceTest {
  private static final CallAllowance.Rate RATE = new CallAllowance.Rate(60, 3);
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  private CallAllowance first;
  private CallAllowance second;

  @BeforeEach
  void twoReplicas(DatabaseExtension db) {
    first = new JdbcCallAllowance(db.database().dataSource(), "chat.update", RATE);
    second = new JdbcCallAllowance(db.database().dataSource(), "chat.update", RATE);
  }

  @DatabaseTest
  void twoReplicasSpendOneAllowanceBetweenThem() {
    int granted = 0;
    for (int i = 0; i < 10; i++) {
      granted += (i % 2 == 0 ? first : second).take(T0).isZero() ? 1 : 0;
    }
    assertThat(granted).as("both replicas together, at one instant: the burst").isEqualTo(3);
    assertThat(second.take(T0)).as("the wait for the next one").isEqualTo(Duration.ofSeconds(1));

    Instant second1 = T0.plusSeconds(1);
    assertThat(first.take(second1)).isZero();
    assertThat(second.take(second1)).as("one a second between them").isPositive();
    assertThat(first.take(second1)).isPositive();
  }

  @DatabaseTest
  void aRefusalHoldsEveryReplicaUntilTheTimeSlackNamed() {
    assertThat(first.take(T0)).isZero();
    first.holdUntil(T0.plusSeconds(30));

    assertThat(second.take(T0.plusSeconds(10)))
        .as("the other replica waits out the 429 too")
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(second.take(T0.plusSeconds(30))).as("one call when the hold ends").isZero();
    assertThat(first.take(T0.plusSeconds(30)))
        .as("then the steady rate, not a burst Slack would refuse")
        .isPositive();
  }

  @DatabaseTest
  void replicasTakingAtOnceNeverOverspend() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> takers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        CallAllowance budget = t % 2 == 0 ? first : second;
        takers.add(
            () -> {
              int granted = 0;
              for (int i = 0; i < 10; i++) {
                granted += budget.take(T0).isZero() ? 1 : 0;
              }
              return granted;
            });
      }
      int granted = 0;
      for (Future<Integer> taker : pool.invokeAll(takers)) {
        granted += taker.get();
      }
      assertThat(granted).as("80 takes at one instant from 8 threads").isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }
}
