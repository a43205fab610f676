package dev.shepherd.rollout;

import dev.shepherd.audit.Action;
import dev.shepherd.store.Database;
import java.util.Optional;

/**
 * A separate JVM that drives a rollout, for the crash test: {@code start URL USER PASSWORD SCHEMA}
 * starts one on dev and walks it, printing each step as it is done, then waits to be killed after
 * step 2; {@code resume … ROLLOUT_ID} finishes it. Not a test.
 */
public final class RolloutDriver {
  private RolloutDriver() {}

  public static void main(String[] args) throws InterruptedException {
    String mode = args[0];
    String schema = args[4].equals("-") ? null : args[4];
    try (Database database = Database.open(args[1], args[2], args[3], schema)) {
      EngineFixture engine = new EngineFixture(database);
      Rollout rollout =
          mode.equals("start") ? engine.started("dev") : engine.service.find(args[5]).orElseThrow();
      say("ROLLOUT " + rollout.id());
      while (rollout.state() == RolloutState.RUNNING) {
        StepRun step = rollout.currentStep().orElseThrow();
        if (step.needsApproval() && !step.isApproved(rollout.approvalsNeeded())) {
          EngineFixture.accepted(
              engine.act(
                  rollout.id(),
                  Action.APPROVE,
                  step.phase(),
                  step.position(),
                  EngineFixture.ALICE,
                  Optional.empty()));
          say("APPROVED " + step.position());
        }
        rollout =
            EngineFixture.accepted(
                engine.act(
                    rollout.id(),
                    Action.DONE,
                    step.phase(),
                    step.position(),
                    EngineFixture.OPERATOR,
                    Optional.empty()));
        say("DONE " + step.position());
        if (mode.equals("start") && step.position() == 2) {
          say("WAITING");
          Thread.sleep(Long.MAX_VALUE); // kept: waits here to be killed by the test mid-rollout
        }
      }
      say("STATE " + rollout.state().label());
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
