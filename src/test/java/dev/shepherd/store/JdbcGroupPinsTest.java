package dev.shepherd.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.chat.GroupPins;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * User group pins kept in the database: replicas (here pins built as each replica builds them, on
 * one database) agree on the first id a handle was pinned to, and a later pin never moves it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JdbcGroupPinsTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  private DatabaseExtension db;
  private GroupPins first;
  private GroupPins second;

  @BeforeEach
  void twoReplicas(DatabaseExtension db) {
    this.db = db;
    first = new JdbcGroupPins(db.database().dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
    second =
        new JdbcGroupPins(
            db.database().dataSource(), Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
  }

  @DatabaseTest
  void aHandleStaysPinnedToTheFirstIdAnyReplicaPinnedItTo() throws Exception {
    assertThat(first.pinned("platform-leads")).isEmpty();

    assertThat(first.pin("platform-leads", "S0LEADS")).isEqualTo("S0LEADS");
    assertThat(second.pin("platform-leads", "S0EVIL")).isEqualTo("S0LEADS");
    assertThat(second.pinned("platform-leads")).contains("S0LEADS");
    assertThat(first.pin("sre", "S0SRE")).as("another handle, its own pin").isEqualTo("S0SRE");

    try (Connection connection = db.database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT group_id, pinned_at FROM group_pins WHERE handle = 'platform-leads'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString("group_id")).isEqualTo("S0LEADS");
      assertThat(row.getObject("pinned_at", OffsetDateTime.class).toInstant())
          .as("when the first replica pinned it")
          .isEqualTo(T0);
      assertThat(row.next()).isFalse();
    }
  }

  @DatabaseTest
  void readingPinsNeverWritesOne() {
    GroupPins reading = GroupPins.reading(first);

    assertThat(reading.pin("platform-leads", "S0LEADS")).isEqualTo("S0LEADS");
    assertThat(first.pinned("platform-leads")).as("nothing was pinned").isEmpty();

    second.pin("platform-leads", "S0LEADS");
    assertThat(reading.pin("platform-leads", "S0EVIL")).isEqualTo("S0LEADS");
    assertThat(first.pinned("platform-leads")).contains("S0LEADS");
  }

  @DatabaseTest(repetitions = 3)
  void twoReplicasPinningDifferentIdsAtOnceAgreeOnTheFirst() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch ready = new CountDownLatch(8);
      List<Callable<String>> pinners = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        GroupPins replica = t % 2 == 0 ? first : second;
        String id = "S0GROUP" + t;
        pinners.add(
            () -> {
              ready.countDown();
              ready.await();
              return replica.pin("platform-leads", id);
            });
      }
      List<String> answers = new ArrayList<>();
      for (Future<String> pinner : pool.invokeAll(pinners)) {
        answers.add(pinner.get());
      }
      Optional<String> kept = first.pinned("platform-leads");
      assertThat(kept).isPresent();
      assertThat(answers).as("every pinner was told the one pin kept").containsOnly(kept.get());
      assertThat(kept.get()).startsWith("S0GROUP");
    } finally {
      pool.shutdownNow();
    }
  }
}
