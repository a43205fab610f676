package dev.shepherd.store;

/** The database failed in a way no rule explains (unreachable, disk full…). */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
