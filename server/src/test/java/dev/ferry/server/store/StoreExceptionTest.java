package dev.ferry.server.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which database failures are an outage (503, retried) rather than a fault (500). */
class StoreExceptionTest {
  @TempDir Path dir;

  @Test
  void aLostConnectionOrABusyDatabaseIsUnavailableAndAFaultIsNot() throws Exception {
    assertTrue(new StoreException("x", new SQLException("refused", "08001")).unavailable(), "SQLState class 08");
    assertTrue(new StoreException("x", new SQLException("shutting down", "57P01")).unavailable(), "admin shutdown");
    assertTrue(new StoreException("x", new SQLTransientConnectionException("pool - Connection is not available")).unavailable(),
        "HikariCP's timeout");
    assertFalse(new StoreException("x", new SQLException("duplicate key", "23505")).unavailable());
    assertFalse(new StoreException("x", null).unavailable());
    assertFalse(new StoreException("x", new SQLException("no space", "08006"), true).unavailable(), "a full disk stays 507");

    // A real SQLITE_BUSY: another connection holds the write lock and this one waits no longer.
    String url = "jdbc:sqlite:" + dir.resolve("busy.db");
    try (Connection holder = DriverManager.getConnection(url); Connection other = DriverManager.getConnection(url);
        Statement h = holder.createStatement(); Statement o = other.createStatement()) {
      h.execute("CREATE TABLE t(x)");
      o.execute("PRAGMA busy_timeout = 0");
      h.execute("BEGIN IMMEDIATE");
      SQLException busy = assertThrows(SQLException.class, () -> o.execute("INSERT INTO t VALUES (1)"));
      assertTrue(StoreException.isUnavailable(busy), busy.getMessage());
      h.execute("ROLLBACK");
      SQLException fault = assertThrows(SQLException.class, () -> o.execute("INSERT INTO nope VALUES (1)"));
      assertFalse(StoreException.isUnavailable(fault), fault.getMessage());
    }
  }
}
