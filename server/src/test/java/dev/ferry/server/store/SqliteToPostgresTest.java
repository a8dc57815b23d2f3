package dev.ferry.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.KdfParams;
import dev.ferry.server.Retention;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry server migrate}: a SQLite hub copied into PostgreSQL, verified, and safe to run again. */
class SqliteToPostgresTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  @TempDir Path dir;

  private static long account(Store s, String user) {
    KdfParams kdf = new KdfParams(KdfParams.ARGON2ID, TestData.b64("saltsaltsaltsalt"), 65536, 3, 1);
    assertEquals(CreateAccountOutcome.CREATED, s.createAccount(new NewAccount(user, kdf, new byte[16], new byte[32]), null, T0));
    return s.account(user).orElseThrow().id();
  }

  private Path sqliteHub(String entryId, String chunkId) {
    Path file = dir.resolve("hub.db");
    try (Store s = SqliteStore.open(file, Retention.DEFAULT)) {
      s.secret("kdf-decoy-key", new byte[] {1, 2, 3});
      s.addInvite(new byte[] {9}, T0, T0.plus(Duration.ofDays(7)));
      long amy = account(s, "amy");
      account(s, "bea");
      s.addDevice(amy, "dev-aaaaaaaa", "laptop", new byte[] {7}, T0);
      s.putFolderKey(amy, "f", "wrapped", T0);
      s.putChunk(amy, "f", chunkId, new byte[] {4, 5, 6}, T0);
      s.write(amy, "f", "dev-aaaaaaaa", List.of(new WriteCommand(entryId, 0, "key-1",
          new EntryWrite(false, 3, List.of(chunkId), null, TestData.b64("m")))), T0);
      List<WriteCommand> more = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        more.add(new WriteCommand(TestData.entryId(), 0, null, new EntryWrite(false, 1, List.of(), TestData.b64("x" + i), "bQ==")));
      }
      s.write(amy, "f", "dev-aaaaaaaa", more, T0);
      s.write(amy, "f", "dev-aaaaaaaa", List.of(new WriteCommand(entryId, 1, null, new EntryWrite(true, 0, List.of(), null, "bQ=="))), T0);
    }
    return file;
  }

  @Test
  void copiesEverythingVerifiablyAndTheHubCarriesOn() {
    String entryId = TestData.entryId();
    String chunkId = TestData.chunkId(new byte[] {4, 5, 6});
    Path file = sqliteHub(entryId, chunkId);
    String url = TestPostgres.get().newDatabase("migrate");
    List<String> lines = new ArrayList<>();
    SqliteToPostgres.Report report = SqliteToPostgres.copy(file, url, lines::add);
    assertTrue(report.verified(), String.join("\n", lines));
    assertEquals(SqliteToPostgres.TABLES.size(), lines.size());
    assertEquals(1202, report.tables().stream().filter(t -> t.table().equals("entries")).findFirst().orElseThrow().targetRows() + 1);

    try (Store pg = PostgresStore.open(url, Retention.DEFAULT)) {
      long amy = pg.account("amy").orElseThrow().id();
      assertArrayEquals(new byte[] {1, 2, 3}, pg.secret("kdf-decoy-key", new byte[] {0}));
      assertEquals("dev-aaaaaaaa", pg.deviceByToken(new byte[] {7}).orElseThrow().deviceId());
      assertEquals("wrapped", pg.folderKey(amy, "f").orElseThrow());
      assertArrayEquals(new byte[] {4, 5, 6}, pg.chunk(amy, "f", chunkId).orElseThrow());
      assertTrue(pg.entry(amy, "f", entryId, 0).orElseThrow().deleted());
      assertEquals(2, pg.history(amy, "f", entryId).size());
      assertEquals(1202, pg.folderStatus(amy, "f").headSeq());
      var next = (WriteOutcome.Accepted) pg.write(amy, "f", "dev-aaaaaaaa",
          List.of(new WriteCommand(entryId, 2, null, new EntryWrite(false, 1, List.of(), TestData.b64("back"), "bQ=="))), T0).get(0);
      assertEquals(1203, next.result().seq(), "the folder's seq counter came along");
      var replay = (WriteOutcome.Accepted) pg.write(amy, "f", "d", List.of(new WriteCommand(entryId, 0, "key-1",
          new EntryWrite(false, 3, List.of(chunkId), null, TestData.b64("m")))), T0).get(0);
      assertTrue(replay.replayed(), "idempotency keys came along");
      assertEquals(CreateAccountOutcome.CREATED, pg.createAccount(new NewAccount("cy", pg.account("amy").orElseThrow().kdf(),
          new byte[1], new byte[1]), new byte[] {9}, T0), "the invite came along, and new accounts get fresh ids");
      assertTrue(pg.account("cy").orElseThrow().id() > pg.account("bea").orElseThrow().id());
    }
  }

  @Test
  void anInterruptedCopyIsCompletedByRunningItAgain() throws Exception {
    Path file = sqliteHub(TestData.entryId(), TestData.chunkId(new byte[] {4, 5, 6}));
    String url = TestPostgres.get().newDatabase("migrate_again");
    assertTrue(SqliteToPostgres.copy(file, url, l -> {}).verified());
    // As if the first run had stopped part-way: later tables and part of a big one are missing.
    TestPostgres pg = TestPostgres.get();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(url.substring(url.lastIndexOf('/') + 1)), pg.user(), "");
        Statement st = c.createStatement()) {
      st.execute("DELETE FROM idempotency");
      st.execute("DELETE FROM chunks");
      st.execute("DELETE FROM revision_chunks");
      st.execute("DELETE FROM revisions WHERE seq > 600");
    }
    List<String> lines = new ArrayList<>();
    SqliteToPostgres.Report again = SqliteToPostgres.copy(file, url, lines::add);
    assertTrue(again.verified(), String.join("\n", lines));
    assertEquals(1 + 1 + 1 + 602, again.rowsInserted(), "only what was missing");
    assertEquals(0, SqliteToPostgres.copy(file, url, l -> {}).rowsInserted(), "a complete copy is left as it is");
  }

  @Test
  void refusesATargetThatHoldsOtherAccountsAndAMissingSource() {
    Path file = sqliteHub(TestData.entryId(), TestData.chunkId(new byte[] {4, 5, 6}));
    String url = TestPostgres.get().newDatabase("migrate_foreign");
    try (Store pg = PostgresStore.open(url, Retention.DEFAULT)) {
      account(pg, "zed");
    }
    var e = assertThrows(IllegalArgumentException.class, () -> SqliteToPostgres.copy(file, url, l -> {}));
    assertTrue(e.getMessage().contains("zed"), e.getMessage());
    try (Store pg = PostgresStore.open(url, Retention.DEFAULT)) {
      assertFalse(pg.account("amy").isPresent(), "nothing was copied");
    }
    var missing = assertThrows(IllegalArgumentException.class, () -> SqliteToPostgres.copy(dir.resolve("nope.db"), url, l -> {}));
    assertTrue(missing.getMessage().contains("nope.db"));
    assertFalse(dir.resolve("nope.db").toFile().exists(), "the missing source was not created");
  }

  @Test
  void refusesAFileThatIsNotAHubDatabaseWithoutWritingToItOrToTheTarget() throws Exception {
    // A daemon's state.db has tables of its own, one of them named entries like the hub's.
    Path stateDb = dir.resolve("state.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDb); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE schema_version(version INTEGER NOT NULL)");
      st.execute("CREATE TABLE entries(folder TEXT NOT NULL, path TEXT NOT NULL, entry_id TEXT, PRIMARY KEY(folder, path))");
      st.execute("INSERT INTO entries VALUES ('docs', 'a.txt', 'e1')");
    }
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a database at all\n".repeat(50));
    String url = TestPostgres.get().newDatabase("migrate_not_hub");
    for (Path source : List.of(stateDb, text)) {
      byte[] before = sha256(source);
      var e = assertThrows(IllegalArgumentException.class, () -> SqliteToPostgres.copy(source, url, l -> {}));
      assertTrue(e.getMessage().startsWith(source + " is not a Ferry hub database"), e.getMessage());
      assertArrayEquals(before, sha256(source), source + " was written to");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDb); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE name = 'schema_migrations'")) {
      assertFalse(rs.next(), "the hub's migrations table was added to the source");
    }
    TestPostgres pg = TestPostgres.get();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(url.substring(url.lastIndexOf('/') + 1)), pg.user(), "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the target was set up for a source that was refused");
    }
  }

  private static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }
}
