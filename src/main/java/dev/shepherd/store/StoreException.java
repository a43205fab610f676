package dev.shepherd.store;

import dev.shepherd.rollout.StoreFailure;

/** The database failed in a way no rule explains (unreachable, too slow, disk full…). */
public final class StoreException extends StoreFailure {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean mayHaveBeenRecorded() {
    for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RequestDeadline.CommitInDoubt) {
        return true;
      }
    }
    return false;
  }
}
