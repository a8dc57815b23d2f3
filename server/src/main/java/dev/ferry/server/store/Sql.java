package dev.ferry.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A store's unit of work on one connection, run inside that store's transaction discipline. */
@FunctionalInterface
interface Sql<T> {
  T run(Connection c) throws SQLException;

  /**
   * Runs {@code body} on {@code c}, whose autocommit the caller has turned off, and commits; on
   * any failure rolls back (a failing rollback rides along as a suppressed exception) and
   * rethrows the failure. Shared by the SQLite and the PostgreSQL store.
   */
  static <T> T commitOrRollback(Connection c, Sql<T> body) throws SQLException {
    try {
      T result = body.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
