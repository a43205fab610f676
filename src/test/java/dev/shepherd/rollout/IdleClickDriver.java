package dev.shepherd.rollout;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.store.Database;
import java.util.Optional;

/**
 * A separate JVM for the idle-crash test: {@code URL IDLE_MS} starts a rollout on dev, marks step 1
 * done, stays idle for {@code IDLE_MS}, then approves step 2 (the click an approver waits on) and
 * prints {@code ACKED <rollout id>} once the engine returned, as Slack would get its 200. Then it
 * waits to be killed. Not a test.
 */
public final class IdleClickDriver {
  private IdleClickDriver() {}

  public static void main(String[] args) throws InterruptedException {
    try (Database database = Database.open(args[0], "", "", null)) {
      EngineFixture engine = new EngineFixture(database);
      Rollout rollout = engine.started("dev");
      EngineFixture.accepted(
          engine.act(
              rollout.id(),
              Action.DONE,
              Phase.FORWARD,
              1,
              EngineFixture.OPERATOR,
              Optional.empty()));
      say("WARM");
      Thread.sleep(Long.parseLong(args[1])); // kept: the idle window is the behaviour under test
      EngineFixture.accepted(
          engine.act(
              rollout.id(),
              Action.APPROVE,
              Phase.FORWARD,
              2,
              EngineFixture.ALICE,
              Optional.empty()));
      say("ACKED " + rollout.id());
      Thread.sleep(Long.MAX_VALUE); // kept: waits here to be killed by the test
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
