package dev.ferry.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.server.Retention;
import dev.ferry.server.testing.Commands;
import dev.ferry.server.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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
  void aDatabaseThatCouldNotGrowWritesAgainOnceThereIsRoomWithoutARestart() throws Exception {
    Path file = dir.resolve("full.db");
    try (SqliteStore s = SqliteStore.open(file, Retention.DEFAULT)) {
      long a = s.createAccount(new NewAccount("fay", new dev.ferry.protocol.KdfParams("argon2id", "c2FsdA==", 8, 1, 1),
          new byte[1], new byte[1]), null, T0) == CreateAccountOutcome.CREATED ? s.account("fay").orElseThrow().id() : -1;
      s.write(a, "f", "d", List.of(new WriteCommand(TestData.entryId(), 0, null, inline("first"))), T0);
      // The database may not grow: SQLite answers SQLITE_FULL, as on a full disk.
      long pages;
      try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); ResultSet rs = c.createStatement().executeQuery("PRAGMA page_count")) {
        rs.next();
        pages = rs.getLong(1);
      }
      s.pragmaForTests("max_page_count = " + pages);
      String big = "x".repeat(200_000);
      for (int i = 0; i < 3; i++) {
        assertThrows(StoreException.class,
            () -> s.write(a, "f", "d", List.of(new WriteCommand(TestData.entryId(), 0, null, inline(big))), T0));
      }
      s.pragmaForTests("max_page_count = 1073741823");
      String e = TestData.entryId();
      var ok = (WriteOutcome.Accepted) s.write(a, "f", "d", List.of(new WriteCommand(e, 0, null, inline(big))), T0).get(0);
      assertEquals(1, ok.result().rev(), "writes work again with room, no restart");
      assertEquals(1, s.entry(a, "f", e, 0).orElseThrow().rev());
      assertTrue(s.putChunk(a, "f", "c".repeat(64), new byte[100], T0));
    }
  }

  @Test
  void aFullDiskIsSaidSoAndTheHubWritesAgainOnceThereIsRoom() throws Exception {
    // A real full disk: a small tmpfs (root, as tests and CI run here; elsewhere this skips).
    Path mnt = java.nio.file.Files.createDirectories(dir.resolve("small"));
    Assumptions.assumeTrue(Commands.run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString()) == 0, "needs root to mount a tmpfs");
    try (SqliteStore s = SqliteStore.open(mnt.resolve("hub.db"), Retention.DEFAULT)) {
      long a = s.createAccount(new NewAccount("gus", new dev.ferry.protocol.KdfParams("argon2id", "c2FsdA==", 8, 1, 1),
          new byte[1], new byte[1]), null, T0) == CreateAccountOutcome.CREATED ? s.account("gus").orElseThrow().id() : -1;
      StoreException full = null;
      for (int i = 0; i < 100 && full == null; i++) {
        try {
          s.write(a, "f", "d", List.of(new WriteCommand(TestData.entryId(), 0, null, inline("y".repeat(100_000)))), T0);
        } catch (StoreException e) {
          full = e;
        }
      }
      assertTrue(full != null && full.storageFull(), "a write on a full disk says the storage is full: " + full);
      assertEquals(0, Commands.run("mount", "-o", "remount,size=64m", mnt.toString()));
      String e = TestData.entryId();
      var ok = (WriteOutcome.Accepted) s.write(a, "f", "d", List.of(new WriteCommand(e, 0, null, inline("room again"))), T0).get(0);
      assertEquals(1, ok.result().rev(), "with room again the same hub writes, no restart");
    } finally {
      Commands.run("umount", mnt.toString());
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
