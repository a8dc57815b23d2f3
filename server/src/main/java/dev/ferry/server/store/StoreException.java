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
