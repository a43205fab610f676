package dev.shepherd.rollout;

/**
 * The store could not do what was asked (unreachable, too slow, a full disk): the rollout is as it
 * was, unless {@link #mayHaveBeenRecorded()} says the outcome is unknown. Adapters tell the person
 * which of the two it was; a retry is always safe, as every action carries an idempotency key.
 */
public abstract class StoreFailure extends RuntimeException {
  protected StoreFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the commit was sent but its answer never came. */
  public abstract boolean mayHaveBeenRecorded();
}
