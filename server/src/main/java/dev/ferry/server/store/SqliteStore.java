package dev.ferry.server.store;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.protocol.WriteResult;
import dev.ferry.server.Retention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The {@link Store} on one SQLite file in WAL mode. One write connection, serialized by a lock
 * (SQLite has one writer anyway; the lock also keeps change notifications in commit order),
 * plus a few read connections that run beside it. Write transactions begin IMMEDIATE and wait
 * on {@code busy_timeout}, so another process (such as {@code ferry server invite}) can write
 * to the same file while the hub runs. {@code synchronous=FULL}: an acknowledged write survives
 * a power cut, because devices drop their outbox item on the acknowledgement. Chunk uploads
 * alone commit without their own fsync: the write that names a chunk makes it durable (see
 * {@link #write(String, boolean, Sql)}).
 *
 * <p>Chunks are stored as blobs in the database rather than as files: a write's missing-chunk
 * check, the chunk garbage collector and the upload itself then share SQLite's transactions, so
 * there is no window where a file exists without its row or the reverse, backups are one file,
 * and the PostgreSQL implementation has the same shape.
 */
public final class SqliteStore implements Store {
  private static final int READERS = 4;
  private static final int BUSY_TIMEOUT_MS = 10_000;

  private final Path file;
  private final Retention retention;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final List<Connection> allReaders = new ArrayList<>();
  private final Map<Connection, StatementCache> statements = new ConcurrentHashMap<>();
  private volatile ChangeListener listener = (a, f, h) -> {};
  private volatile boolean closed;

  private SqliteStore(Path file, Retention retention) throws SQLException {
    this.file = file;
    this.retention = retention;
    this.writer = open(file, SQLiteConfig.TransactionMode.IMMEDIATE);
    try {
      migrate();
      for (int i = 0; i < READERS; i++) {
        Connection c = open(file, SQLiteConfig.TransactionMode.DEFERRED);
        allReaders.add(c);
        readers.add(c);
      }
    } catch (SQLException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /** Opens (creating and migrating as needed) the database file. */
  public static SqliteStore open(Path file, Retention retention) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      return new SqliteStore(file, retention);
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open hub database " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  private static Connection open(Path file, SQLiteConfig.TransactionMode mode) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
    cfg.setTransactionMode(mode);
    cfg.enforceForeignKeys(true);
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
  }

  // ---- transactions

  /** A cached statement of {@code c}; the caller holds {@code c} (the write lock, or a reader from the pool). */
  private PreparedStatement prepared(Connection c, String sql) throws SQLException {
    return statements.computeIfAbsent(c, StatementCache::new).prepare(sql);
  }

  private <T> T write(String what, Sql<T> body) {
    return write(what, true, body);
  }

  /**
   * A write transaction. {@code durable = false} commits without its own fsync
   * ({@code synchronous=NORMAL}): only for chunk uploads. A chunk matters once a write names
   * it, and that write's commit (FULL) fsyncs the WAL, which holds every earlier commit, the
   * chunk's among them; a chunk lost with the last unsynced commits is reported missing by
   * the write that names it, and the device uploads it again. Measured: one fsync per chunk
   * held the single write lock while 100-entry batches waited behind it.
   */
  private <T> T write(String what, boolean durable, Sql<T> body) {
    writeLock.lock();
    try {
      ensureOpen();
      if (!durable) pragma("synchronous = NORMAL");
      try {
        return inTransaction(body);
      } finally {
        if (!durable) pragma("synchronous = FULL");
      }
    } catch (SQLException e) {
      // A failed transaction (a full disk above all) can leave the connection's cached
      // statements mid-execution, and every later write failed with "statement is not
      // executing" until the hub was restarted: they are compiled afresh instead.
      forgetStatements(writer);
      throw new StoreException(what + " failed: " + e.getMessage(), e, StoreException.isStorageFull(e) || diskAlmostFull());
    } finally {
      writeLock.unlock();
    }
  }

  private void forgetStatements(Connection c) {
    StatementCache cache = statements.remove(c);
    if (cache != null) cache.close();
  }

  /**
   * SQLite does not always say SQLITE_FULL when the disk fills (a failed WAL write can surface
   * as "cannot commit - no transaction is active"): a failed write on a disk with less than
   * 1 MiB left counts as full.
   */
  private boolean diskAlmostFull() {
    try {
      return Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace() < (1L << 20);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Runs {@code PRAGMA setting} on the write connection; tests use it to cap the database's size. */
  void pragmaForTests(String setting) throws SQLException {
    writeLock.lock();
    try {
      pragma(setting);
    } finally {
      writeLock.unlock();
    }
  }

  private void pragma(String setting) throws SQLException {
    try (Statement st = writer.createStatement()) {
      st.execute("PRAGMA " + setting);
    }
  }

  /** Runs {@code body} in one transaction of the write connection; the caller holds the write lock. */
  private <T> T inTransaction(Sql<T> body) throws SQLException {
    writer.setAutoCommit(false);
    try {
      return Sql.commitOrRollback(writer, body);
    } finally {
      writer.setAutoCommit(true);
    }
  }

  /** Reads in one transaction, so several statements see one snapshot. */
  private <T> T read(String what, Sql<T> body) {
    ensureOpen();
    Connection c;
    try {
      c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(what + " interrupted", e);
    }
    try {
      c.setAutoCommit(false);
      try {
        return body.run(c);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    } finally {
      readers.add(c);
    }
  }

  private void ensureOpen() {
    if (closed) throw new StoreException("the hub database is closed", null);
  }

  private void migrate() throws SQLException {
    try (Statement st = writer.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    }
    writer.setAutoCommit(false);
    try {
      int current = StoreRows.currentVersion(writer);
      int known = SqliteSchema.MIGRATIONS.size();
      StoreRows.checkNotNewer(current, known);
      for (int v = current + 1; v <= known; v++) {
        try (Statement st = writer.createStatement()) {
          for (String sql : SqliteSchema.MIGRATIONS.get(v - 1).split(";")) {
            if (!sql.isBlank()) st.execute(sql);
          }
        }
        StoreRows.recordMigration(writer, v);
      }
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      writer.rollback();
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
  }


  /** A read of the file itself (not just {@code SELECT 1}, which SQLite answers without it). */
  @Override
  public void ping() {
    read("health check", c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_migrations")) {
        return rs.next();
      }
    });
  }

  @Override
  public int schemaVersion() {
    return read("schema version", StoreRows::currentVersion);
  }

  @Override
  public void setChangeListener(ChangeListener listener) {
    this.listener = listener == null ? (a, f, h) -> {} : listener;
  }

  // ---- settings, invites, accounts, devices

  @Override
  public byte[] secret(String name, byte[] fresh) {
    return write("secret", c -> {
      try (PreparedStatement ps = prepared(c, "INSERT OR IGNORE INTO settings(name, value) VALUES (?, ?)")) {
        ps.setString(1, name);
        ps.setBytes(2, fresh);
        ps.executeUpdate();
      }
      return StoreRows.setting(this::prepared, c, name);
    });
  }

  @Override
  public void addInvite(byte[] codeHash, Instant createdAt, Instant expiresAt) {
    write("add invite", c -> StoreRows.addInvite(this::prepared, c, codeHash, createdAt, expiresAt));
  }

  @Override
  public Optional<Account> account(String user) {
    return read("find account", c -> findAccount(c, user));
  }

  private Optional<Account> findAccount(Connection c, String user) throws SQLException {
    return StoreRows.account(this::prepared, c, "user", user);
  }

  @Override
  public CreateAccountOutcome createAccount(NewAccount a, byte[] inviteHash, Instant now) {
    return write("create account", c -> {
      if (findAccount(c, a.user()).isPresent()) return CreateAccountOutcome.EXISTS;
      if (inviteHash != null) {
        try (PreparedStatement ps = prepared(c,
            "SELECT 1 FROM invites WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")) {
          ps.setBytes(1, inviteHash);
          ps.setLong(2, now.toEpochMilli());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return CreateAccountOutcome.INVITE_INVALID;
          }
        }
      }
      long id;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO accounts(user, kdf_algorithm, kdf_salt, kdf_memory_kib, kdf_iterations, kdf_parallelism, auth_salt, auth_hash, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        StoreRows.bindNewAccount(ps, a, now);
        ps.executeUpdate();
        try (ResultSet rs = ps.getGeneratedKeys()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      if (inviteHash != null) {
        if (StoreRows.useInvite(this::prepared, c, inviteHash, id, now) != 1) {
          throw new SQLException("invite vanished inside the transaction");
        }
      }
      return CreateAccountOutcome.CREATED;
    });
  }

  @Override
  public void addDevice(long accountId, String deviceId, String name, byte[] tokenHash, Instant now) {
    write("add device", c -> StoreRows.addDevice(this::prepared, c, accountId, deviceId, name, tokenHash, now));
  }

  @Override
  public Optional<DeviceAuth> deviceByToken(byte[] tokenHash) {
    return read("find device", c -> StoreRows.deviceByToken(this::prepared, c, "user", tokenHash));
  }

  @Override
  public void touchDevice(String deviceId, Instant now) {
    write("touch device", c -> {
      try (PreparedStatement ps = prepared(c, "UPDATE devices SET last_seen_at = MAX(last_seen_at, ?) WHERE id = ?")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setString(2, deviceId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Device> devices(long accountId) {
    return read("list devices", c -> StoreRows.devices(this::prepared, c, accountId));
  }

  @Override
  public boolean revokeDevice(long accountId, String deviceId, Instant now) {
    return write("revoke device", c -> StoreRows.revokeDevice(this::prepared, c, accountId, deviceId, now));
  }

  // ---- folders

  @Override
  public PutKeyOutcome putFolderKey(long accountId, String folder, String wrappedKey, Instant now) {
    return write("put folder key", c -> {
      ensureFolder(c, accountId, folder);
      return StoreRows.putFolderKey(this::prepared, c, accountId, folder, wrappedKey);
    });
  }

  private void ensureFolder(Connection c, long accountId, String folder) throws SQLException {
    try (PreparedStatement ps = prepared(c, "INSERT OR IGNORE INTO folders(account_id, folder) VALUES (?, ?)")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.executeUpdate();
    }
  }

  @Override
  public Optional<String> folderKey(long accountId, String folder) {
    return read("get folder key", c -> StoreRows.folderKey(this::prepared, c, accountId, folder));
  }

  @Override
  public FolderStatus folderStatus(long accountId, String folder) {
    return read("folder status", c -> StoreRows.folderStatus(this::prepared, c,
        "SELECT COALESCE(SUM(e.deleted = 0), 0), COALESCE(SUM(e.deleted), 0),"
            + " COALESCE(SUM(CASE WHEN e.deleted = 0 AND r.inline IS NOT NULL THEN r.size ELSE 0 END), 0)"
            + StoreRows.HEAD_JOIN + " WHERE e.account_id = ? AND e.folder = ?", accountId, folder));
  }

  // ---- entries

  private Optional<EntryMeta> head(Connection c, long accountId, String folder, String entryId) throws SQLException {
    return StoreRows.head(this::prepared, c, accountId, folder, entryId);
  }

  @Override
  public List<WriteOutcome> write(long accountId, String folder, String deviceId, List<WriteCommand> commands, Instant now) {
    if (commands.isEmpty()) return List.of();
    List<EntryMeta> accepted = new ArrayList<>();
    List<WriteOutcome> outcomes = new ArrayList<>();
    List<byte[]> hashes = WriteCommand.requestHashes(commands); // before the lock: other writers need not wait on them
    writeLock.lock();
    try {
      write("write entries", c -> {
        accepted.clear();
        outcomes.clear();
        ensureFolder(c, accountId, folder);
        for (int i = 0; i < commands.size(); i++) {
          WriteOutcome o = writeOne(c, accountId, folder, deviceId, commands.get(i), hashes.get(i), now);
          outcomes.add(o);
          if (o instanceof WriteOutcome.Accepted a && !a.replayed()) accepted.add(a.head());
        }
        return null;
      });
      // Still under the lock: listeners hear folders' changes in seq order.
      if (!accepted.isEmpty()) listener.committed(accountId, folder, List.copyOf(accepted));
    } finally {
      writeLock.unlock();
    }
    return List.copyOf(outcomes);
  }

  /** {@code requestHash}: the command's, null when it carries no idempotency key. */
  private WriteOutcome writeOne(Connection c, long accountId, String folder, String deviceId, WriteCommand cmd,
      byte[] requestHash, Instant now) throws SQLException {
    if (requestHash != null) {
      try (PreparedStatement ps = prepared(c,
          "SELECT request_hash, rev, seq FROM idempotency WHERE account_id = ? AND folder = ? AND entry_id = ? AND key = ?")) {
        ps.setLong(1, accountId);
        ps.setString(2, folder);
        ps.setString(3, cmd.entryId());
        ps.setString(4, cmd.idempotencyKey());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            if (!cmd.sameRequest(rs.getBytes(1), requestHash)) return new WriteOutcome.KeyReused();
            return new WriteOutcome.Accepted(new WriteResult(cmd.entryId(), rs.getLong(2), rs.getLong(3)), null, true);
          }
        }
      }
    }
    Optional<EntryMeta> current = head(c, accountId, folder, cmd.entryId());
    long currentRev = current.map(EntryMeta::rev).orElse(0L);
    if (cmd.baseRev() != currentRev) return new WriteOutcome.RevMismatch(current.orElse(null));

    EntryWrite w = cmd.write();
    List<String> distinctChunks = List.copyOf(new LinkedHashSet<>(w.chunks()));
    if (!w.deleted() && !distinctChunks.isEmpty()) {
      List<String> missing = missing(c, accountId, folder, distinctChunks);
      if (!missing.isEmpty()) return new WriteOutcome.MissingChunks(missing);
    }

    long seq;
    try (PreparedStatement ps = prepared(c,
        "UPDATE folders SET head_seq = head_seq + 1, last_modified_at = ?, last_modified_by = ?"
            + " WHERE account_id = ? AND folder = ? RETURNING head_seq")) {
      ps.setLong(1, now.toEpochMilli());
      ps.setString(2, deviceId);
      ps.setLong(3, accountId);
      ps.setString(4, folder);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    long rev = currentRev + 1;
    List<String> chunks = w.deleted() ? List.of() : w.chunks();
    String inline = w.deleted() ? null : w.inline();
    EntryMeta head = new EntryMeta(cmd.entryId(), rev, seq, w.deleted(), w.deleted() ? 0 : w.size(), chunks, inline,
        w.meta(), deviceId, Instant.ofEpochMilli(now.toEpochMilli()));
    try (PreparedStatement ps = prepared(c, StoreRows.INSERT_REVISION)) {
      StoreRows.bindRevision(ps, accountId, folder, head, now.toEpochMilli());
      ps.executeUpdate();
    }
    if (!chunks.isEmpty()) {
      try (PreparedStatement ps = prepared(c,
          "INSERT OR IGNORE INTO revision_chunks(account_id, folder, chunk_id, entry_id, rev) VALUES (?, ?, ?, ?, ?)")) {
        for (String id : distinctChunks) {
          StoreRows.bindRevisionChunk(ps, accountId, folder, id, cmd.entryId(), rev);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps = prepared(c,
        "INSERT INTO entries(account_id, folder, entry_id, head_rev, head_seq, deleted) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT(account_id, folder, entry_id) DO UPDATE SET head_rev = excluded.head_rev,"
            + " head_seq = excluded.head_seq, deleted = excluded.deleted")) {
      StoreRows.bindHead(ps, accountId, folder, head);
      ps.executeUpdate();
    }
    if (requestHash != null) {
      try (PreparedStatement ps = prepared(c, StoreRows.INSERT_IDEMPOTENCY)) {
        StoreRows.bindIdempotency(ps, accountId, folder, cmd.entryId(), cmd.idempotencyKey(), requestHash, rev, seq,
            now.toEpochMilli());
        ps.executeUpdate();
      }
    }
    pruneEntry(c, accountId, folder, cmd.entryId(), rev, now.minus(retention.keepFor()).toEpochMilli());
    return new WriteOutcome.Accepted(new WriteResult(cmd.entryId(), rev, seq), head, false);
  }

  /** Deletes revisions of one entry that are both beyond the kept count and older than the cutoff. */
  private long pruneEntry(Connection c, long accountId, String folder, String entryId, long headRev, long cutoffMillis)
      throws SQLException {
    long maxPrunable = headRev - retention.keepRevisions();
    if (maxPrunable < 1) return 0;
    try (PreparedStatement ps = prepared(c,
        "DELETE FROM revision_chunks WHERE account_id = ? AND folder = ? AND entry_id = ? AND rev IN"
            + " (SELECT rev FROM revisions WHERE account_id = ? AND folder = ? AND entry_id = ? AND rev <= ? AND modified_at < ?)")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setString(3, entryId);
      ps.setLong(4, accountId);
      ps.setString(5, folder);
      ps.setString(6, entryId);
      ps.setLong(7, maxPrunable);
      ps.setLong(8, cutoffMillis);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = prepared(c,
        "DELETE FROM revisions WHERE account_id = ? AND folder = ? AND entry_id = ? AND rev <= ? AND modified_at < ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setString(3, entryId);
      ps.setLong(4, maxPrunable);
      ps.setLong(5, cutoffMillis);
      return ps.executeUpdate();
    }
  }

  @Override
  public ChangesPage changes(long accountId, String folder, long since, int limit) {
    return read("changes", c -> StoreRows.changes(this::prepared, c, accountId, folder, since, limit));
  }

  @Override
  public Optional<EntryMeta> entry(long accountId, String folder, String entryId, long rev) {
    return read("get entry", c -> rev == 0
        ? head(c, accountId, folder, entryId)
        : StoreRows.revision(this::prepared, c, accountId, folder, entryId, rev));
  }

  @Override
  public List<EntryMeta> history(long accountId, String folder, String entryId) {
    return read("entry history", c -> StoreRows.history(this::prepared, c, accountId, folder, entryId));
  }

  // ---- chunks

  private List<String> missing(Connection c, long accountId, String folder, List<String> ids) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = prepared(c, "SELECT 1 FROM chunks WHERE account_id = ? AND folder = ? AND chunk_id = ?")) {
      for (String id : new LinkedHashSet<>(ids)) {
        ps.setLong(1, accountId);
        ps.setString(2, folder);
        ps.setString(3, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) out.add(id);
        }
      }
    }
    return out;
  }

  @Override
  public List<String> missingChunks(long accountId, String folder, List<String> ids) {
    return read("missing chunks", c -> missing(c, accountId, folder, ids));
  }

  @Override
  public boolean putChunk(long accountId, String folder, String chunkId, byte[] data, Instant now) {
    return write("put chunk", false, c -> {
      try (PreparedStatement ps = prepared(c,
          "UPDATE chunks SET touched_at = MAX(touched_at, ?) WHERE account_id = ? AND folder = ? AND chunk_id = ?")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setLong(2, accountId);
        ps.setString(3, folder);
        ps.setString(4, chunkId);
        if (ps.executeUpdate() == 1) return false;
      }
      try (PreparedStatement ps = prepared(c,
          "INSERT INTO chunks(account_id, folder, chunk_id, size, data, touched_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, accountId);
        ps.setString(2, folder);
        ps.setString(3, chunkId);
        ps.setLong(4, data.length);
        ps.setBytes(5, data);
        ps.setLong(6, now.toEpochMilli());
        ps.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public Optional<byte[]> chunk(long accountId, String folder, String chunkId) {
    return read("get chunk", c -> StoreRows.chunk(this::prepared, c, accountId, folder, chunkId));
  }

  // ---- housekeeping

  @Override
  public Housekeeping housekeep(Instant now, Retention r, Duration chunkGrace, Duration idempotencyTtl) {
    return write("housekeeping", c -> {
      long cutoff = now.minus(r.keepFor()).toEpochMilli();
      String prunable = " FROM revisions WHERE modified_at < ? AND rev <= (SELECT e.head_rev FROM entries e"
          + " WHERE e.account_id = revisions.account_id AND e.folder = revisions.folder AND e.entry_id = revisions.entry_id) - ?";
      try (PreparedStatement ps = prepared(c,
          "DELETE FROM revision_chunks WHERE (account_id, folder, entry_id, rev) IN (SELECT account_id, folder, entry_id, rev"
              + prunable + ")")) {
        ps.setLong(1, cutoff);
        ps.setInt(2, r.keepRevisions());
        ps.executeUpdate();
      }
      long revisions;
      try (PreparedStatement ps = prepared(c, "DELETE" + prunable)) {
        ps.setLong(1, cutoff);
        ps.setInt(2, r.keepRevisions());
        revisions = ps.executeUpdate();
      }
      long chunks;
      try (PreparedStatement ps = prepared(c,
          "DELETE FROM chunks WHERE touched_at < ? AND NOT EXISTS (SELECT 1 FROM revision_chunks rc"
              + " WHERE rc.account_id = chunks.account_id AND rc.folder = chunks.folder AND rc.chunk_id = chunks.chunk_id)")) {
        ps.setLong(1, now.minus(chunkGrace).toEpochMilli());
        chunks = ps.executeUpdate();
      }
      long keys = StoreRows.expireKeys(this::prepared, c, now.minus(idempotencyTtl));
      long invites = StoreRows.expireInvites(this::prepared, c, now);
      return new Housekeeping(revisions, chunks, keys, invites);
    });
  }

  @Override
  public StoreStats stats() {
    return read("stats", StoreRows::stats);
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) return;
      closed = true;
      closeQuietly();
    } finally {
      writeLock.unlock();
    }
  }

  private void closeQuietly() {
    statements.values().forEach(StatementCache::close);
    for (Connection c : allReaders) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing: nothing left to protect
      }
    }
    try {
      writer.close();
    } catch (SQLException ignored) {
      // closing: nothing left to protect
    }
  }
}
