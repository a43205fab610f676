package dev.shepherd.rollout;

/**
 * Told of every request's outcome once its transaction has committed (metrics, for one). Must be
 * quick and must not throw: it runs on the request's thread, inside Slack's three seconds.
 */
@FunctionalInterface
public interface RolloutObserver {
  void observed(Outcome outcome);

  RolloutObserver NONE = outcome -> {};
}
