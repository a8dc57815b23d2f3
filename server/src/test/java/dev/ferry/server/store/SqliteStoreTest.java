package dev.ferry.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.server.Retention;
import dev.ferry.server.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, plus what is specific to a file: reopening, a second writer. */
class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;
  private int opened;

  @Override
  protected Store openStore(Retention retention) {
    return SqliteStore.open(dir.resolve("hub-" + (opened++) + ".db"), retention);
  }

  @Override
  protected Connection connectToStore() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub-" + (opened - 1) + ".db"));
  }

  @Test
  void reopeningKeepsDataAndRecordsMigrationsOnce() throws Exception {
    Path file = dir.resolve("persist.db");
    long a;
    String e = TestData.entryId();
    try (Store s = SqliteStore.open(file, Retention.DEFAULT)) {
      a = s.createAccount(new NewAccount("amy", new dev.ferry.protocol.KdfParams("argon2id", "c2FsdA==", 8, 1, 1),
          new byte[1], new byte[1]), null, T0) == CreateAccountOutcome.CREATED ? s.account("amy").orElseThrow().id() : -1;
      s.write(a, "f", "d", List.of(new WriteCommand(e, 0, null, inline("x"))), T0);
    }
    try (Store s = SqliteStore.open(file, Retention.DEFAULT)) {
      assertEquals(1, s.entry(a, "f", e, 0).orElseThrow().rev());
      var next = (WriteOutcome.Accepted) s.write(a, "f", "d", List.of(new WriteCommand(e, 1, null, inline("y"))), T0).get(0);
      assertEquals(2, next.result().rev());
      assertEquals(2, next.result().seq(), "the folder's seq counter survived");
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); ResultSet rs = c.createStatement()
        .executeQuery("SELECT COUNT(*), MAX(version) FROM schema_migrations")) {
      rs.next();
      assertEquals(rs.getInt(2), rs.getInt(1), "each migration recorded once");
    }
  }

  @Test
  void aSecondConnectionCanWriteWhileTheStoreIsOpen() {
    Path file = dir.resolve("shared.db");
    try (Store running = SqliteStore.open(file, Retention.DEFAULT); Store other = SqliteStore.open(file, Retention.DEFAULT)) {
      other.addInvite(new byte[] {4, 2}, T0, T0.plusSeconds(60));
      var kdf = new dev.ferry.protocol.KdfParams("argon2id", "c2FsdA==", 8, 1, 1);
      assertEquals(CreateAccountOutcome.CREATED, running.createAccount(new NewAccount("zed", kdf, new byte[1], new byte[1]), new byte[] {4, 2}, T0));
      assertTrue(other.account("zed").isPresent());
    }
  }
}
