package dev.shepherd.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.chat.GroupPins;
import dev.shepherd.chat.LocalGroupPins;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.store.JdbcGroupPins;
import dev.shepherd.store.StoreException;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.FakeSlack;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user group handle stays pinned to its first group across restarts and replicas: each directory
 * here is a Shepherd process (a restart, or another replica), its pins in one database; pins that
 * cannot be read refuse the group with the reason.
 */
class SlackGroupDirectoryTest {
  static final String MOVED =
      "Slack user group @leads now names group S0EVIL, not S0LEADS it was pinned to when Shepherd"
          + " first resolved it: someone renamed groups or took the handle over. Name the group"
          + " you mean by its id (S0LEADS or S0EVIL) in the config, then restart Shepherd; a"
          + " handle moved on purpose is re-pinned as docs/reference/permissions.md says";

  FakeSlack slack;

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    slack.userGroup("S0LEADS", "leads", List.of("U0CAROL"));
  }

  @AfterEach
  void tearDown() {
    slack.close();
  }

  /** A Shepherd process's directory, its pins in the test's database. */
  private SlackGroupDirectory process(DatabaseExtension db) {
    return directory(new JdbcGroupPins(db.database().dataSource(), Clock.systemUTC()));
  }

  private SlackGroupDirectory directory(GroupPins pins) {
    return SlackGroupDirectory.connect(
        new SlackSettings(
            "xoxb-test", "secret", Optional.empty(), slack.apiUrl(), Duration.ZERO, Duration.ZERO),
        Clock.systemUTC(),
        Duration.ofMinutes(10),
        pins);
  }

  /** Slack's @leads renamed away, and a group of someone else's made with the freed handle. */
  private void takeOverTheHandle() {
    slack.userGroup("S0LEADS", "old-leads", List.of("U0CAROL"));
    slack.userGroup("S0EVIL", "leads", List.of("U0EVIL"));
  }

  @DatabaseTest
  void aHandleTakenOverWhileShepherdRestartsIsRefused(DatabaseExtension db) {
    SlackGroupDirectory before = process(db);
    assertThat(before.members("@leads"))
        .isEqualTo(new UserGroups.Members("@leads", Set.of("U0CAROL")));

    takeOverTheHandle();
    SlackGroupDirectory restarted = process(db);

    assertThat(restarted.members("@leads")).isEqualTo(new UserGroups.Unknown("@leads", MOVED));
    assertThat(restarted.check(List.of("@leads", "S0LEADS")))
        .isEqualTo(
            new SlackGroupDirectory.Check(Map.of(), Map.of("@leads", MOVED), Optional.empty()));
  }

  @DatabaseTest
  void aReplicaStartedAfterTheTakeOverRefusesTheHandleItNeverResolvedBefore(DatabaseExtension db) {
    SlackGroupDirectory first = process(db);
    SlackGroupDirectory second = process(db);
    assertThat(first.check(List.of("@leads")).moved()).isEmpty();

    takeOverTheHandle();

    assertThat(second.members("@leads")).isEqualTo(new UserGroups.Unknown("@leads", MOVED));
  }

  @Test
  void pinsThatCannotBeReadRefuseTheGroupWithTheReasonAndTheNextClickAsksAgain() {
    AtomicBoolean down = new AtomicBoolean(true);
    GroupPins pins =
        new GroupPins() {
          private final GroupPins kept = new LocalGroupPins();

          @Override
          public String pin(String handle, String groupId) {
            if (down.get()) {
              throw new StoreException(
                  "cannot pin user group @" + handle + ": the database is not answering",
                  new SQLException("the database is not answering"));
            }
            return kept.pin(handle, groupId);
          }

          @Override
          public Optional<String> pinned(String handle) {
            return kept.pinned(handle);
          }
        };
    SlackGroupDirectory groups = directory(pins);

    assertThat(groups.members("@leads"))
        .isEqualTo(
            new UserGroups.Unreadable(
                "@leads",
                "the group pins could not be read: cannot pin user group @leads: the database is"
                    + " not answering"));

    down.set(false);
    assertThat(groups.members("@leads"))
        .as("a failure is not kept as the pin")
        .isEqualTo(new UserGroups.Members("@leads", Set.of("U0CAROL")));
  }
}
