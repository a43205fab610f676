package dev.shepherd.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Asks the database one question on a thread of its own, so that {@code /readyz} answers in time
 * whatever the database does. While one question is unanswered, later probes wait on it rather than
 * queueing more: a server that stopped answering costs one thread, not one per probe.
 */
final class ReadinessProbe implements AutoCloseable {
  private final DataSource pool;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "shepherd-db-probe");
            t.setDaemon(true);
            return t;
          });
  private CompletableFuture<Optional<String>> inFlight;

  ReadinessProbe(DataSource pool) {
    this.pool = pool;
  }

  Optional<String> problem(Duration limit) {
    CompletableFuture<Optional<String>> question = question();
    try {
      return question.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Optional.of("the database did not answer within " + limit.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while asking the database");
    } catch (ExecutionException e) {
      return Optional.of("the database probe failed: " + e.getCause());
    }
  }

  private synchronized CompletableFuture<Optional<String>> question() {
    if (inFlight == null || inFlight.isDone()) {
      inFlight = CompletableFuture.supplyAsync(this::ask, thread);
    }
    return inFlight;
  }

  private Optional<String> ask() {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM rollouts WHERE 1 = 0")) {
      row.next();
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(
          "the database cannot be reached: " + Database.redact(String.valueOf(e.getMessage())));
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
