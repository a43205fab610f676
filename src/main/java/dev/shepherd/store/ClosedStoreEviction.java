package dev.shepherd.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the pool to drop a connection whose H2 database closed itself (a write failed on a full
 * disk, say). Hikari only drops connections on its own list of fatal states, and H2's are not on
 * it: without this, every request after the disk had room again failed with "The database has been
 * closed" until a restart. Once dropped, the next connection opens the file anew.
 */
final class ClosedStoreEviction implements SQLExceptionOverride {
  /** H2's codes for a database that closed, is closing, or could not write its file. */
  private static final Set<Integer> CLOSED_STORE =
      Set.of(
          90098, // DATABASE_IS_CLOSED
          90121, // DATABASE_CALLED_AT_SHUTDOWN
          90100, // NO_DISK_SPACE_AVAILABLE
          90028, // IO_EXCEPTION_1
          90031, // IO_EXCEPTION_2
          90067); // CONNECTION_BROKEN_1

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && CLOSED_STORE.contains(sql.getErrorCode()) && isH2(sql)) {
        return Override.MUST_EVICT;
      }
    }
    return Override.CONTINUE_EVICT;
  }

  private static boolean isH2(SQLException e) {
    return e.getClass().getName().startsWith("org.h2.");
  }
}
