package dev.ferry.server.store;

/**
 * The database failed (I/O, corruption, a bug in SQL); the API answers 500 or 503, and 507 when
 * {@link #storageFull} (the disk or the database's size limit is full: a person must make room,
 * and the devices retry meanwhile).
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean storageFull;

  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public StoreException(String message, Throwable cause, boolean storageFull) {
    super(message, cause);
    this.storageFull = storageFull;
  }

  public boolean storageFull() { return storageFull; }

  /**
   * Whether the database could not be reached or was too busy to answer, so that the same request
   * may well succeed later: the API answers 503 and devices retry. See {@link #isUnavailable}.
   */
  public boolean unavailable() { return !storageFull && isUnavailable(getCause()); }

  /**
   * Whether {@code e} (or a cause) is a lost or refused database connection: a JDBC SQLState of
   * class 08 (connection exception), PostgreSQL shutting down or starting up (57P01-57P03), a pool
   * that had no connection to give in time (HikariCP's "Connection is not available"), or SQLite's
   * SQLITE_BUSY / SQLITE_LOCKED after its busy timeout.
   */
  public static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException) return true;
      if (t instanceof java.sql.SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
          return true;
        }
        if (t.getClass().getName().startsWith("org.sqlite.") && ((s.getErrorCode() & 0xff) == 5 || (s.getErrorCode() & 0xff) == 6)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code e} (or a cause) says the storage is full: SQLite's SQLITE_FULL ("database or
   * disk is full"), PostgreSQL's disk_full (SQLSTATE 53100), or the kernel's ENOSPC.
   */
  public static boolean isStorageFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException s && ("53100".equals(s.getSQLState()) || (s.getErrorCode() & 0xff) == 13)) return true;
      String m = t.getMessage();
      if (m != null && (m.contains("database or disk is full") || m.contains("No space left on device") || m.contains("SQLITE_FULL"))) {
        return true;
      }
    }
    return false;
  }
}
