package dev.shepherd.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.chat.DrawingLock;
import dev.shepherd.testing.Awaiting;
import dev.shepherd.testing.DatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas (two locks on one PostgreSQL database) draw the same message: the second waits in
 * the database until the first has sent and recorded its drawing; another message is not held up.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class JdbcDrawingLockTest {
  @RegisterExtension static final DatabaseExtension db = DatabaseExtension.postgres();

  @Test
  void aSecondReplicasDrawingOfTheSameMessageWaitsForTheFirst() throws Exception {
    DrawingLock first = new JdbcDrawingLock(db.database().dataSource());
    DrawingLock second = new JdbcDrawingLock(db.database().dataSource());
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch firstIn = new CountDownLatch(1);
    CountDownLatch firstMayEnd = new CountDownLatch(1);

    CompletableFuture<Void> firstDrawing =
        CompletableFuture.runAsync(
            () ->
                first.holding(
                    "r1",
                    "step:forward:2",
                    () -> {
                      order.add("first in");
                      firstIn.countDown();
                      await(firstMayEnd);
                      order.add("first out");
                      return null;
                    }));
    assertThat(firstIn.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> secondDrawing =
        CompletableFuture.runAsync(
            () -> second.holding("r1", "step:forward:2", () -> order.add("second in")));
    // The positive marker: the second replica's lock request waits in PostgreSQL.
    Awaiting.untilFound(
        "the second drawing waiting for its advisory lock",
        Duration.ofSeconds(30),
        () -> waitingAdvisoryLocks() > 0 ? Optional.of(true) : Optional.empty());
    assertThat(second.holding("r1", "step:forward:3", () -> "another message"))
        .as("another message is drawn meanwhile")
        .isEqualTo("another message");
    assertThat(order).containsExactly("first in");

    firstMayEnd.countDown();
    firstDrawing.get(30, TimeUnit.SECONDS);
    secondDrawing.get(30, TimeUnit.SECONDS);
    assertThat(order).containsExactly("first in", "first out", "second in");
  }

  @Test
  void differentMessagesHaveDifferentLocks() {
    assertThat(JdbcDrawingLock.lockId("r1", "step:forward:2"))
        .isNotEqualTo(JdbcDrawingLock.lockId("r1", "step:forward:3"))
        .isNotEqualTo(JdbcDrawingLock.lockId("r2", "step:forward:2"))
        .isEqualTo(JdbcDrawingLock.lockId("r1", "step:forward:2"));
  }

  private static int waitingAdvisoryLocks() {
    try (Connection connection = db.database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
      row.next();
      return row.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
