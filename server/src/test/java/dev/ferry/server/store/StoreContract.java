package dev.ferry.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.protocol.KdfParams;
import dev.ferry.server.Retention;
import dev.ferry.server.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} implementation must have. Subclass it, open a fresh, empty
 * store in {@link #openStore}, and the same tests run against SQLite, PostgreSQL, or anything
 * else. Time is passed in explicitly, so retention is tested without waiting.
 */
public abstract class StoreContract {
  protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  protected static final Retention KEEP_3_FOR_A_DAY = new Retention(3, Duration.ofDays(1));

  protected Store store;

  /** A fresh, empty store using {@code retention} on writes. */
  protected abstract Store openStore(Retention retention);

  /** A plain JDBC connection to the database the last {@link #openStore} opened. */
  protected abstract Connection connectToStore() throws SQLException;

  /** Sets the digest stored with an idempotency key, as a hub of an earlier version wrote it. */
  private void storeDigestAsAnEarlierHub(String key, byte[] digest) throws SQLException {
    try (Connection c = connectToStore();
        PreparedStatement ps = c.prepareStatement("UPDATE idempotency SET request_hash = ? WHERE key = ?")) {
      ps.setBytes(1, digest);
      ps.setString(2, key);
      assertEquals(1, ps.executeUpdate());
    }
  }

  @BeforeEach
  void open() {
    store = openStore(KEEP_3_FOR_A_DAY);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected long account(String user) {
    KdfParams kdf = new KdfParams(KdfParams.ARGON2ID, TestData.b64("saltsaltsaltsalt"), 65536, 3, 1);
    assertEquals(CreateAccountOutcome.CREATED, store.createAccount(new NewAccount(user, kdf, new byte[16], new byte[32]), null, T0));
    return store.account(user).orElseThrow().id();
  }

  protected static EntryWrite inline(String s) {
    return new EntryWrite(false, s.length(), List.of(), TestData.b64(s), TestData.b64("m"));
  }

  protected WriteOutcome write(long acct, String folder, String entryId, long baseRev, EntryWrite w, Instant at) {
    return store.write(acct, folder, "dev1", List.of(new WriteCommand(entryId, baseRev, null, w)), at).get(0);
  }

  /** Delivery may be asynchronous (PostgreSQL's comes back through LISTEN): polls, bounded. */
  protected static void awaitSize(List<?> list, int size) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (list.size() < size && System.nanoTime() < deadline) LockSupport.parkNanos(1_000_000);
  }

  @Test
  void schemaIsMigrated() {
    assertTrue(store.schemaVersion() >= 1);
  }

  @Test
  void secretsAreCreatedOnceAndKept() {
    byte[] first = store.secret("s", new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, first);
    assertArrayEquals(first, store.secret("s", new byte[] {9}));
  }

  @Test
  void accountsAndInvites() {
    byte[] invite = new byte[] {7, 7, 7};
    byte[] expired = new byte[] {8, 8};
    store.addInvite(invite, T0, T0.plus(Duration.ofDays(7)));
    store.addInvite(expired, T0.minus(Duration.ofDays(8)), T0.minus(Duration.ofDays(1)));
    KdfParams kdf = new KdfParams(KdfParams.ARGON2ID, "c2FsdHNhbHRzYWx0c2FsdA==", 1024, 2, 1);
    NewAccount a = new NewAccount("amy", kdf, new byte[] {1}, new byte[] {2});
    assertEquals(CreateAccountOutcome.INVITE_INVALID, store.createAccount(a, expired, T0));
    assertEquals(CreateAccountOutcome.INVITE_INVALID, store.createAccount(a, new byte[] {0}, T0));
    assertTrue(store.account("amy").isEmpty(), "a refused creation leaves nothing behind");
    assertEquals(CreateAccountOutcome.CREATED, store.createAccount(a, invite, T0));
    assertEquals(CreateAccountOutcome.EXISTS, store.createAccount(a, null, T0));
    assertEquals(CreateAccountOutcome.INVITE_INVALID,
        store.createAccount(new NewAccount("ben", kdf, new byte[] {1}, new byte[] {2}), invite, T0), "an invite works once");
    Account got = store.account("amy").orElseThrow();
    assertEquals(kdf, got.kdf());
    assertArrayEquals(new byte[] {2}, got.authHash());
  }

  @Test
  void devicesByTokenAndRevocation() {
    long a = account("amy");
    long b = account("bea");
    store.addDevice(a, "dev-aaaaaaaa", "laptop", new byte[] {1}, T0);
    store.addDevice(a, "dev-bbbbbbbb", "phone", new byte[] {2}, T0.plusSeconds(1));
    assertEquals("dev-aaaaaaaa", store.deviceByToken(new byte[] {1}).orElseThrow().deviceId());
    assertEquals(List.of("dev-aaaaaaaa", "dev-bbbbbbbb"), store.devices(a).stream().map(Device::id).toList());
    assertFalse(store.revokeDevice(b, "dev-aaaaaaaa", T0), "another account cannot revoke it");
    assertTrue(store.revokeDevice(a, "dev-aaaaaaaa", T0));
    assertTrue(store.deviceByToken(new byte[] {1}).isEmpty());
    assertFalse(store.revokeDevice(a, "dev-aaaaaaaa", T0));
    store.touchDevice("dev-bbbbbbbb", T0.plusSeconds(60));
    assertEquals(T0.plusSeconds(60), store.devices(a).get(0).lastSeenAt());
  }

  @Test
  void folderKeyFirstWins() {
    long a = account("amy");
    assertTrue(store.folderKey(a, "f").isEmpty());
    assertInstanceOf(PutKeyOutcome.Stored.class, store.putFolderKey(a, "f", "k1", T0));
    assertInstanceOf(PutKeyOutcome.Same.class, store.putFolderKey(a, "f", "k1", T0));
    assertEquals(new PutKeyOutcome.Different("k1"), store.putFolderKey(a, "f", "k2", T0));
    assertEquals("k1", store.folderKey(a, "f").orElseThrow());
  }

  @Test
  void compareAndSwapRevsAndSeqs() {
    long a = account("amy");
    String e = TestData.entryId();
    WriteOutcome.Accepted w1 = assertInstanceOf(WriteOutcome.Accepted.class, write(a, "f", e, 0, inline("one"), T0));
    assertEquals(1, w1.result().rev());
    assertEquals(1, w1.result().seq());
    assertEquals(2, ((WriteOutcome.Accepted) write(a, "f", e, 1, inline("two"), T0)).result().rev());
    WriteOutcome.RevMismatch stale = assertInstanceOf(WriteOutcome.RevMismatch.class, write(a, "f", e, 1, inline("x"), T0));
    assertEquals(2, stale.current().rev());
    assertInstanceOf(WriteOutcome.RevMismatch.class, write(a, "f", e, 0, inline("x"), T0));
    assertNull(((WriteOutcome.RevMismatch) write(a, "f", TestData.entryId(), 5, inline("x"), T0)).current());
    EntryMeta head = store.entry(a, "f", e, 0).orElseThrow();
    assertEquals(2, head.rev());
    assertEquals(2, head.seq());
    assertEquals(TestData.b64("two"), head.inline());
    assertEquals("dev1", head.modifiedBy());
    FolderStatus st = store.folderStatus(a, "f");
    assertEquals(2, st.headSeq());
    assertEquals(1, st.entries());
  }

  @Test
  void idempotencyKeysReplayTheFirstAnswer() {
    long a = account("amy");
    String e = TestData.entryId();
    WriteCommand cmd = new WriteCommand(e, 0, "key-1", inline("x"));
    var first = (WriteOutcome.Accepted) store.write(a, "f", "d", List.of(cmd), T0).get(0);
    var again = (WriteOutcome.Accepted) store.write(a, "f", "d", List.of(cmd), T0).get(0);
    assertTrue(again.replayed());
    assertEquals(first.result(), again.result());
    assertInstanceOf(WriteOutcome.KeyReused.class,
        store.write(a, "f", "d", List.of(new WriteCommand(e, 1, "key-1", inline("y"))), T0).get(0));
    assertEquals(1, store.history(a, "f", e).size());
  }

  @Test
  void aKeyAnEarlierHubStoredIsReplayedAfterTheUpgrade() throws Exception {
    long a = account("amy");
    String e = TestData.entryId();
    WriteCommand cmd = new WriteCommand(e, 0, "key-1", inline("x"));
    var first = (WriteOutcome.Accepted) store.write(a, "f", "d", List.of(cmd), T0).get(0);
    storeDigestAsAnEarlierHub("key-1", cmd.legacyRequestHash());
    var again = (WriteOutcome.Accepted) store.write(a, "f", "d", List.of(cmd), T0).get(0);
    assertTrue(again.replayed(), "the retry of the same request");
    assertEquals(first.result(), again.result());
    assertInstanceOf(WriteOutcome.KeyReused.class,
        store.write(a, "f", "d", List.of(new WriteCommand(e, 0, "key-1", inline("y"))), T0).get(0));
    assertEquals(1, store.history(a, "f", e).size());
  }

  @Test
  void chunksAreCheckedScopedAndKeptFirst() {
    long a = account("amy");
    long b = account("bea");
    String c1 = TestData.chunkId(new byte[] {1});
    String c2 = TestData.chunkId(new byte[] {2});
    assertTrue(store.putChunk(a, "f", c1, new byte[] {1}, T0));
    assertFalse(store.putChunk(a, "f", c1, new byte[] {9}, T0));
    assertArrayEquals(new byte[] {1}, store.chunk(a, "f", c1).orElseThrow());
    assertTrue(store.chunk(b, "f", c1).isEmpty());
    assertTrue(store.chunk(a, "g", c1).isEmpty());
    assertEquals(List.of(c2), store.missingChunks(a, "f", List.of(c1, c2, c2)));
    assertEquals(List.of(c1), store.missingChunks(b, "f", List.of(c1)));
    var missing = assertInstanceOf(WriteOutcome.MissingChunks.class,
        write(a, "f", TestData.entryId(), 0, new EntryWrite(false, 2, List.of(c1, c2), null, "bQ=="), T0));
    assertEquals(List.of(c2), missing.missing());
    assertInstanceOf(WriteOutcome.Accepted.class, write(a, "f", TestData.entryId(), 0, new EntryWrite(false, 1, List.of(c1), null, "bQ=="), T0));
    assertInstanceOf(WriteOutcome.MissingChunks.class, write(b, "f", TestData.entryId(), 0, new EntryWrite(false, 1, List.of(c1), null, "bQ=="), T0));
  }

  @Test
  void changesArePagedHeadsInSeqOrder() {
    long a = account("amy");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(TestData.entryId());
      write(a, "f", ids.get(i), 0, inline("v" + i), T0);
    }
    write(a, "f", ids.get(1), 1, inline("again"), T0);
    ChangesPage p = store.changes(a, "f", 0, 2);
    assertEquals(List.of(1L, 3L), p.changes().stream().map(EntryMeta::seq).toList());
    assertTrue(p.more());
    assertEquals(5, p.headSeq());
    ChangesPage rest = store.changes(a, "f", 3, 10);
    assertEquals(List.of(4L, 5L), rest.changes().stream().map(EntryMeta::seq).toList());
    assertFalse(rest.more());
    assertTrue(store.changes(account("bea"), "f", 0, 10).changes().isEmpty());
  }

  @Test
  void aPageOfChangesIsAlsoCutByItsInlineContentAndAnEntryLargerThanThatStillGoes() {
    long a = account("amy");
    int third = (int) (StoreRows.PAGE_INLINE_CHARS / 3);
    String big = "x".repeat(third + 1); // base64 makes it 4/3 longer: three fill a page
    for (int i = 0; i < 5; i++) write(a, "f", TestData.entryId(), 0, inline(big), T0);
    write(a, "f", TestData.entryId(), 0, inline("y".repeat((int) StoreRows.PAGE_INLINE_CHARS)), T0);
    write(a, "f", TestData.entryId(), 0, inline("small"), T0);
    List<Integer> pages = new ArrayList<>();
    long cursor = 0;
    int seen = 0;
    ChangesPage p;
    do {
      p = store.changes(a, "f", cursor, 500);
      pages.add(p.changes().size());
      seen += p.changes().size();
      cursor = p.changes().get(p.changes().size() - 1).seq();
    } while (p.more());
    assertEquals(List.of(3, 3, 1), pages);
    assertEquals(7, seen);
  }

  @Test
  void listenerHearsAcceptedWritesInOrder() {
    long a = account("amy");
    List<Long> heard = new CopyOnWriteArrayList<>();
    store.setChangeListener((acct, folder, heads) -> heads.forEach(h -> heard.add(h.seq())));
    String e = TestData.entryId();
    String other = TestData.entryId();
    store.write(a, "f", "d", List.of(new WriteCommand(e, 0, null, inline("a")), new WriteCommand(e, 0, null, inline("b")),
        new WriteCommand(other, 0, null, inline("c"))), T0);
    awaitSize(heard, 2);
    assertEquals(List.of(1L, 2L), heard);
    store.write(a, "f", "d", List.of(new WriteCommand(other, 1, null, inline("d"))), T0);
    awaitSize(heard, 3);
    assertEquals(List.of(1L, 2L, 3L), heard);
    store.setChangeListener(null);
  }

  @Test
  void retentionKeepsTheLastRevisionsAndRecentOnes() {
    long a = account("amy");
    String e = TestData.entryId();
    for (int rev = 1; rev <= 6; rev++) write(a, "f", e, rev - 1, inline("r" + rev), T0);
    assertEquals(6, store.history(a, "f", e).size(), "all are younger than a day");
    Instant later = T0.plus(Duration.ofDays(2));
    write(a, "f", e, 6, inline("r7"), later);
    assertEquals(List.of(7L, 6L, 5L), store.history(a, "f", e).stream().map(EntryMeta::rev).toList());
    assertTrue(store.entry(a, "f", e, 1).isEmpty());
    assertEquals(TestData.b64("r5"), store.entry(a, "f", e, 5).orElseThrow().inline());
  }

  @Test
  void housekeepingCollectsOnlyUnreferencedChunksPastTheGrace() {
    long a = account("amy");
    String e = TestData.entryId();
    String old = TestData.chunkId("old".getBytes(StandardCharsets.UTF_8));
    String fresh = TestData.chunkId("fresh".getBytes(StandardCharsets.UTF_8));
    String pending = TestData.chunkId("pending".getBytes(StandardCharsets.UTF_8));
    store.putChunk(a, "f", old, new byte[] {1}, T0);
    store.putChunk(a, "f", fresh, new byte[] {2}, T0);
    write(a, "f", e, 0, new EntryWrite(false, 1, List.of(old), null, "bQ=="), T0);
    for (int rev = 2; rev <= 4; rev++) write(a, "f", e, rev - 1, new EntryWrite(false, 1, List.of(fresh), null, "bQ=="), T0);
    Instant later = T0.plus(Duration.ofDays(3));
    store.putChunk(a, "f", pending, new byte[] {3}, later); // uploaded, not yet referenced
    Housekeeping h = store.housekeep(later, KEEP_3_FOR_A_DAY, Duration.ofHours(24), Duration.ofHours(48));
    assertEquals(1, h.revisions(), "rev 1 is beyond the last 3 and older than a day");
    assertEquals(1, h.chunks());
    assertTrue(store.chunk(a, "f", old).isEmpty(), "only rev 1 referenced it");
    assertTrue(store.chunk(a, "f", fresh).isPresent());
    assertTrue(store.chunk(a, "f", pending).isPresent(), "within the grace period");
    assertEquals(0, store.housekeep(later, KEEP_3_FOR_A_DAY, Duration.ofHours(24), Duration.ofHours(48)).chunks());
  }

  @Test
  void statsCountWhatIsStored() {
    long a = account("amy");
    store.addDevice(a, "dev-aaaaaaaa", "laptop", new byte[] {1}, T0);
    write(a, "f", TestData.entryId(), 0, inline("abc"), T0);
    store.putChunk(a, "f", TestData.chunkId(new byte[] {5}), new byte[10], T0);
    StoreStats s = store.stats();
    assertEquals(1, s.accounts());
    assertEquals(1, s.devices());
    assertEquals(1, s.entries());
    assertEquals(1, s.chunks());
    assertTrue(s.bytes() >= 10);
  }
}
