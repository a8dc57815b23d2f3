package dev.ferry.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.protocol.WriteResult;
import dev.ferry.server.Retention;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Store} on a PostgreSQL database, shared by any number of hub instances. A HikariCP
 * pool holds the connections; the schema is migrated at open under an advisory lock, so
 * instances starting together do not race.
 *
 * <p>Writes to a folder serialize on the folder's row: a write batch locks it first
 * ({@code INSERT ... ON CONFLICT DO UPDATE}, which also creates it), takes the next seqs from its
 * counter and commits before the next batch of that folder can lock it. Seqs are therefore
 * strictly increasing with no gaps, and commit order equals seq order, so a reader of the changes
 * feed never sees seq 7 while 6 is still uncommitted. A batch costs a fixed number of round trips
 * whatever its size: heads, idempotency keys and chunks are read with one query each, and the new
 * rows go out as JDBC batches.
 *
 * <p>Change events travel by {@code NOTIFY} inside the write transaction, so they are sent exactly
 * when it commits, in commit order, to every instance; see {@link PostgresChangeFeed}.
 */
public final class PostgresStore implements Store {
  static final String CHANNEL = "ferry_changes";
  private static final long MIGRATION_LOCK = 0x6665727279L; // "ferry"
  private static final long HOUSEKEEPING_LOCK = MIGRATION_LOCK + 1;
  private static final int POOL_SIZE = 10;
  private static final int PING_TIMEOUT_MS = 2_000;

  private final PostgresUrl url;
  private final Retention retention;
  private final HikariDataSource pool;
  /**
   * One connection for {@link #ping}, apart from the pool: a borrower of the pool waits its full
   * connection timeout while the database is down, and a health check must answer sooner.
   */
  private final HikariDataSource health;
  private final Object feedLock = new Object();
  private volatile ChangeListener listener = (a, f, h) -> {};
  private PostgresChangeFeed feed;
  private volatile boolean closed;

  private PostgresStore(PostgresUrl url, Retention retention, HikariDataSource pool, HikariDataSource health) {
    this.url = url;
    this.retention = retention;
    this.pool = pool;
    this.health = health;
  }

  /** Connects (creating and migrating the schema as needed) to the database at {@code url}. */
  public static PostgresStore open(String url, Retention retention) {
    return open(url, retention, true);
  }

  /**
   * Connects to a database a hub has set up (migrating it if older), refusing one that holds no
   * hub schema rather than creating it: for tools beside the hub, such as {@code ferry server invite}.
   */
  public static PostgresStore openExisting(String url, Retention retention) {
    return open(url, retention, false);
  }

  private static PostgresStore open(String url, Retention retention, boolean create) {
    PostgresUrl u = PostgresUrl.parse(url);
    HikariConfig cfg = connectingTo(u);
    cfg.setMaximumPoolSize(POOL_SIZE);
    cfg.setPoolName("ferry-pg");
    cfg.setConnectionTimeout(10_000);
    cfg.setInitializationFailTimeout(10_000);
    cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
    cfg.addDataSourceProperty("ApplicationName", "ferry-hub");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(cfg);
    } catch (RuntimeException e) {
      throw new StoreException(connectFailure(u, e), e);
    }
    PostgresStore store = new PostgresStore(u, retention, pool, new HikariDataSource(healthConfig(u)));
    try {
      if (!create && !store.hasSchema()) {
        throw new IllegalStateException("no hub database at " + u + ": it holds no Ferry hub tables"
            + " (a hub started with ferry server --db on it sets them up)");
      }
      store.migrate();
    } catch (RuntimeException e) {
      store.health.close();
      pool.close();
      throw e;
    }
    return store;
  }

  /** A pool's settings for where {@code u} points and as whom; each pool adds its own size and timeouts. */
  private static HikariConfig connectingTo(PostgresUrl u) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(u.jdbcUrl());
    if (u.user() != null) cfg.setUsername(u.user());
    if (u.password() != null) cfg.setPassword(u.password());
    return cfg;
  }

  private static HikariConfig healthConfig(PostgresUrl u) {
    HikariConfig cfg = connectingTo(u);
    cfg.setMaximumPoolSize(1);
    cfg.setPoolName("ferry-pg-health");
    cfg.setConnectionTimeout(PING_TIMEOUT_MS);
    cfg.setValidationTimeout(PING_TIMEOUT_MS);
    cfg.setInitializationFailTimeout(-1); // the main pool has just connected; this one connects when first asked
    cfg.addDataSourceProperty("ApplicationName", "ferry-hub-health");
    cfg.addDataSourceProperty("connectTimeout", Integer.toString(PING_TIMEOUT_MS / 1000));
    return cfg;
  }

  @Override
  public void ping() {
    ensureOpen();
    try (Connection c = health.getConnection()) {
      // The pool skips its own check on a connection used within the last half second.
      if (!c.isValid(PING_TIMEOUT_MS / 1000)) throw new SQLException("the connection did not answer a check", "08006");
    } catch (SQLException e) {
      throw new StoreException(connectFailure(url, e), e);
    }
  }

  /**
   * Why the database could not be reached, naming where it was looked for (never the password).
   * The driver's own words bury the cause: an unknown host was "The connection attempt failed".
   */
  static String connectFailure(PostgresUrl u, Throwable e) {
    String where = "cannot reach the hub database at " + u.address() + ": ";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) return where + "unknown host";
      if (t instanceof java.net.ConnectException) return where + "connection refused (is PostgreSQL running and listening there?)";
      if (t instanceof java.net.NoRouteToHostException) return where + "no route to the host";
      if (t instanceof java.net.SocketTimeoutException) return where + "no answer in time";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      // PostgreSQL answered and refused (a wrong password, a missing database, too many clients): its words say why.
      if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("28")
          || s.getSQLState().equals("3D000") || s.getSQLState().equals("53300") || s.getSQLState().equals("57P03"))) {
        return "the hub database at " + u.address() + " refused the connection: " + s.getMessage();
      }
    }
    if (StoreException.isUnavailable(e)) return "lost the connection to the hub database at " + u.address() + ": " + rootMessage(e);
    return "cannot connect to the hub database " + u + ": " + rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage();
  }

  /** The database, password redacted. */
  public PostgresUrl url() {
    return url;
  }

  // ---- transactions

  /** One read-write transaction (READ COMMITTED); retried when PostgreSQL reports a deadlock or serialization failure. */
  private <T> T write(String what, Sql<T> body) {
    for (int attempt = 1; ; attempt++) {
      ensureOpen();
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        return Sql.commitOrRollback(c, body);
      } catch (SQLException e) {
        boolean retryable = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
        if (retryable && attempt < 5) continue;
        throw failure(what, e);
      }
    }
  }

  /** One statement in autocommit: one round trip. */
  private <T> T read(String what, Sql<T> body) {
    ensureOpen();
    try (Connection c = pool.getConnection()) {
      return body.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Several statements on one snapshot: a read-only REPEATABLE READ transaction. */
  private <T> T snapshot(String what, Sql<T> body) {
    ensureOpen();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      try {
        return body.run(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** A failed statement; a lost connection says where the database was and why it is gone, not the pool's timeout text. */
  private StoreException failure(String what, SQLException e) {
    if (StoreException.isUnavailable(e)) {
      // A stopped server ends every pooled connection, and the pool checks a connection used in the
      // last half second no further: without this each dead one would fail another request after
      // the database is back. Evicted, they are replaced with fresh ones as they are needed.
      var beans = pool.getHikariPoolMXBean();
      if (beans != null) beans.softEvictConnections();
      return new StoreException(what + " failed: " + connectFailure(url, e), e);
    }
    return new StoreException(what + " failed: " + e.getMessage(), e, StoreException.isStorageFull(e));
  }

  private void ensureOpen() {
    if (closed) throw new StoreException("the hub database is closed", null);
  }

  private boolean hasSchema() {
    return read("find schema", c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('schema_migrations') IS NOT NULL")) {
        rs.next();
        return rs.getBoolean(1);
      }
    });
  }

  private void migrate() {
    write("migrate schema", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        ps.setLong(1, MIGRATION_LOCK);
        ps.execute();
      }
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
      }
      int current = StoreRows.currentVersion(c);
      int known = PostgresSchema.MIGRATIONS.size();
      StoreRows.checkNotNewer(current, known);
      for (int v = current + 1; v <= known; v++) {
        try (Statement st = c.createStatement()) {
          st.execute(PostgresSchema.MIGRATIONS.get(v - 1));
        }
        StoreRows.recordMigration(c, v);
      }
      return null;
    });
  }


  @Override
  public int schemaVersion() {
    return read("schema version", StoreRows::currentVersion);
  }

  /**
   * Starts listening for the changes of every instance on first use: the listener hears each
   * committed write once, in seq order per folder, whichever instance accepted it.
   */
  @Override
  public void setChangeListener(ChangeListener listener) {
    this.listener = listener == null ? (a, f, h) -> {} : listener;
    synchronized (feedLock) {
      if (feed == null && listener != null && !closed) {
        feed = new PostgresChangeFeed(url, this, () -> this.listener);
        feed.start();
      }
    }
  }

  // ---- settings, invites, accounts, devices

  @Override
  public byte[] secret(String name, byte[] fresh) {
    return write("secret", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings(name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
        ps.setString(1, name);
        ps.setBytes(2, fresh);
        ps.executeUpdate();
      }
      return StoreRows.setting(Connection::prepareStatement, c, name);
    });
  }

  @Override
  public void addInvite(byte[] codeHash, Instant createdAt, Instant expiresAt) {
    write("add invite", c -> StoreRows.addInvite(Connection::prepareStatement, c, codeHash, createdAt, expiresAt));
  }

  @Override
  public Optional<Account> account(String user) {
    return read("find account", c -> StoreRows.account(Connection::prepareStatement, c, "username", user));
  }

  @Override
  public CreateAccountOutcome createAccount(NewAccount a, byte[] inviteHash, Instant now) {
    return write("create account", c -> {
      long id;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO accounts(username, kdf_algorithm, kdf_salt, kdf_memory_kib, kdf_iterations, kdf_parallelism, auth_salt,"
              + " auth_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id")) {
        StoreRows.bindNewAccount(ps, a, now);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return CreateAccountOutcome.EXISTS;
          id = rs.getLong(1);
        }
      }
      if (inviteHash != null) {
        // One statement checks and consumes the invite, so two sign-ups cannot both use it.
        if (StoreRows.useInvite(Connection::prepareStatement, c, inviteHash, id, now) != 1) {
          c.rollback(); // the account row goes too: nothing changed
          return CreateAccountOutcome.INVITE_INVALID;
        }
      }
      return CreateAccountOutcome.CREATED;
    });
  }

  @Override
  public void addDevice(long accountId, String deviceId, String name, byte[] tokenHash, Instant now) {
    write("add device", c -> StoreRows.addDevice(Connection::prepareStatement, c, accountId, deviceId, name, tokenHash, now));
  }

  @Override
  public Optional<DeviceAuth> deviceByToken(byte[] tokenHash) {
    return read("find device", c -> StoreRows.deviceByToken(Connection::prepareStatement, c, "username", tokenHash));
  }

  @Override
  public void touchDevice(String deviceId, Instant now) {
    write("touch device", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE devices SET last_seen_at = GREATEST(last_seen_at, ?) WHERE id = ?")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setString(2, deviceId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Device> devices(long accountId) {
    return read("list devices", c -> StoreRows.devices(Connection::prepareStatement, c, accountId));
  }

  @Override
  public boolean revokeDevice(long accountId, String deviceId, Instant now) {
    return write("revoke device", c -> StoreRows.revokeDevice(Connection::prepareStatement, c, accountId, deviceId, now));
  }

  // ---- folders

  @Override
  public PutKeyOutcome putFolderKey(long accountId, String folder, String wrappedKey, Instant now) {
    return write("put folder key", c -> {
      lockFolder(c, accountId, folder);
      return StoreRows.putFolderKey(Connection::prepareStatement, c, accountId, folder, wrappedKey);
    });
  }

  /**
   * Creates the folder row if needed and locks it until the transaction ends; returns its
   * current head seq. Every writer of the folder passes here first, which serializes them.
   */
  private static long lockFolder(Connection c, long accountId, String folder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO folders(account_id, folder) VALUES (?, ?)"
            + " ON CONFLICT (account_id, folder) DO UPDATE SET head_seq = folders.head_seq RETURNING head_seq")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public Optional<String> folderKey(long accountId, String folder) {
    return read("get folder key", c -> StoreRows.folderKey(Connection::prepareStatement, c, accountId, folder));
  }

  @Override
  public FolderStatus folderStatus(long accountId, String folder) {
    return snapshot("folder status", c -> StoreRows.folderStatus(Connection::prepareStatement, c,
        "SELECT COUNT(*) FILTER (WHERE NOT e.deleted), COUNT(*) FILTER (WHERE e.deleted),"
            + " COALESCE(SUM(r.size) FILTER (WHERE NOT e.deleted AND r.inline IS NOT NULL), 0)"
            + StoreRows.HEAD_JOIN + " WHERE e.account_id = ? AND e.folder = ?", accountId, folder));
  }

  // ---- entries

  private static Array textArray(Connection c, java.util.Collection<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray());
  }

  /** An idempotency key already stored, or accepted earlier in the same batch. */
  private record StoredKey(byte[] requestHash, long rev, long seq) {}

  private record KeyRef(String entryId, String key) {}

  @Override
  public List<WriteOutcome> write(long accountId, String folder, String deviceId, List<WriteCommand> commands, Instant now) {
    if (commands.isEmpty()) return List.of();
    long at = now.toEpochMilli();
    List<byte[]> hashes = WriteCommand.requestHashes(commands); // before the transaction, which holds the folder's row lock
    return write("write entries", c -> {
      long seq = lockFolder(c, accountId, folder);
      Set<String> entryIds = new LinkedHashSet<>();
      Set<String> keys = new LinkedHashSet<>();
      Set<String> chunkIds = new LinkedHashSet<>();
      for (WriteCommand cmd : commands) {
        entryIds.add(cmd.entryId());
        if (cmd.idempotencyKey() != null) keys.add(cmd.idempotencyKey());
        if (!cmd.write().deleted()) chunkIds.addAll(cmd.write().chunks());
      }
      Map<String, EntryMeta> heads = heads(c, accountId, folder, entryIds);
      Map<KeyRef, StoredKey> storedKeys = keys.isEmpty() ? new HashMap<>() : storedKeys(c, accountId, folder, entryIds, keys);
      Set<String> present = chunkIds.isEmpty() ? Set.of() : touchChunks(c, accountId, folder, chunkIds, at);

      List<WriteOutcome> outcomes = new ArrayList<>();
      List<EntryMeta> accepted = new ArrayList<>();
      Map<KeyRef, byte[]> newKeys = new LinkedHashMap<>();
      for (int i = 0; i < commands.size(); i++) {
        WriteCommand cmd = commands.get(i);
        byte[] requestHash = hashes.get(i);
        KeyRef ref = null;
        if (requestHash != null) {
          ref = new KeyRef(cmd.entryId(), cmd.idempotencyKey());
          StoredKey k = storedKeys.get(ref);
          if (k != null) {
            outcomes.add(cmd.sameRequest(k.requestHash(), requestHash)
                ? new WriteOutcome.Accepted(new WriteResult(cmd.entryId(), k.rev(), k.seq()), null, true)
                : new WriteOutcome.KeyReused());
            continue;
          }
        }
        EntryMeta current = heads.get(cmd.entryId());
        long currentRev = current == null ? 0 : current.rev();
        if (cmd.baseRev() != currentRev) {
          outcomes.add(new WriteOutcome.RevMismatch(current));
          continue;
        }
        EntryWrite w = cmd.write();
        if (!w.deleted()) {
          List<String> missing = w.chunks().stream().distinct().filter(id -> !present.contains(id)).toList();
          if (!missing.isEmpty()) {
            outcomes.add(new WriteOutcome.MissingChunks(missing));
            continue;
          }
        }
        seq++;
        long rev = currentRev + 1;
        EntryMeta head = new EntryMeta(cmd.entryId(), rev, seq, w.deleted(), w.deleted() ? 0 : w.size(),
            w.deleted() ? List.of() : w.chunks(), w.deleted() ? null : w.inline(), w.meta(), deviceId, Instant.ofEpochMilli(at));
        heads.put(cmd.entryId(), head);
        if (ref != null) {
          storedKeys.put(ref, new StoredKey(requestHash, rev, seq));
          newKeys.put(ref, requestHash);
        }
        accepted.add(head);
        outcomes.add(new WriteOutcome.Accepted(new WriteResult(cmd.entryId(), rev, seq), head, false));
      }
      if (!accepted.isEmpty()) {
        insertAccepted(c, accountId, folder, accepted, newKeys, storedKeys, at);
        // The new head seq and the notification in one round trip; NOTIFY goes out when this commits.
        try (PreparedStatement ps = c.prepareStatement(
            "WITH moved AS (UPDATE folders SET head_seq = ?, last_modified_at = ?, last_modified_by = ?"
                + " WHERE account_id = ? AND folder = ? RETURNING 1) SELECT pg_notify(?, ?) FROM moved")) {
          ps.setLong(1, seq);
          ps.setLong(2, at);
          ps.setString(3, deviceId);
          ps.setLong(4, accountId);
          ps.setString(5, folder);
          ps.setString(6, CHANNEL);
          ps.setString(7, PostgresChangeFeed.payload(accountId, folder, accepted.get(0).seq(), seq));
          ps.execute();
        }
      }
      return List.copyOf(outcomes);
    });
  }

  private static Map<String, EntryMeta> heads(Connection c, long accountId, String folder, Set<String> entryIds)
      throws SQLException {
    Map<String, EntryMeta> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + StoreRows.META_COLUMNS + StoreRows.HEAD_JOIN
        + " WHERE e.account_id = ? AND e.folder = ? AND e.entry_id = ANY(?)")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setArray(3, textArray(c, entryIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          EntryMeta m = StoreRows.meta(rs);
          out.put(m.entryId(), m);
        }
      }
    }
    return out;
  }

  private static Map<KeyRef, StoredKey> storedKeys(Connection c, long accountId, String folder, Set<String> entryIds,
      Set<String> keys) throws SQLException {
    Map<KeyRef, StoredKey> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, key, request_hash, rev, seq FROM idempotency"
        + " WHERE account_id = ? AND folder = ? AND entry_id = ANY(?) AND key = ANY(?)")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setArray(3, textArray(c, entryIds));
      ps.setArray(4, textArray(c, keys));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(new KeyRef(rs.getString(1), rs.getString(2)), new StoredKey(rs.getBytes(3), rs.getLong(4), rs.getLong(5)));
        }
      }
    }
    return out;
  }

  /**
   * Which of the chunks exist, touching them on the way: the row lock and the fresh
   * {@code touched_at} keep a concurrent garbage collection on another instance from deleting a
   * chunk this write is about to reference.
   */
  private static Set<String> touchChunks(Connection c, long accountId, String folder, Set<String> ids, long at)
      throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("UPDATE chunks SET touched_at = GREATEST(touched_at, ?)"
        + " WHERE account_id = ? AND folder = ? AND chunk_id = ANY(?) RETURNING chunk_id")) {
      ps.setLong(1, at);
      ps.setLong(2, accountId);
      ps.setString(3, folder);
      ps.setArray(4, textArray(c, ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void insertAccepted(Connection c, long accountId, String folder, List<EntryMeta> accepted,
      Map<KeyRef, byte[]> newKeys, Map<KeyRef, StoredKey> storedKeys, long at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(StoreRows.INSERT_REVISION)) {
      for (EntryMeta h : accepted) {
        StoreRows.bindRevision(ps, accountId, folder, h, at);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    boolean anyChunks = accepted.stream().anyMatch(h -> !h.chunks().isEmpty());
    if (anyChunks) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO revision_chunks(account_id, folder, chunk_id, entry_id, rev) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        for (EntryMeta h : accepted) {
          for (String id : new LinkedHashSet<>(h.chunks())) {
            StoreRows.bindRevisionChunk(ps, accountId, folder, id, h.entryId(), h.rev());
            ps.addBatch();
          }
        }
        ps.executeBatch();
      }
    }
    // The last accepted write of each entry is its head; earlier ones in this batch are history.
    Map<String, EntryMeta> last = new LinkedHashMap<>();
    for (EntryMeta h : accepted) last.put(h.entryId(), h);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO entries(account_id, folder, entry_id, head_rev, head_seq, deleted) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (account_id, folder, entry_id) DO UPDATE SET head_rev = EXCLUDED.head_rev,"
            + " head_seq = EXCLUDED.head_seq, deleted = EXCLUDED.deleted")) {
      for (EntryMeta h : last.values()) {
        StoreRows.bindHead(ps, accountId, folder, h);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    if (!newKeys.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(StoreRows.INSERT_IDEMPOTENCY)) {
        for (Map.Entry<KeyRef, byte[]> k : newKeys.entrySet()) {
          StoredKey s = storedKeys.get(k.getKey());
          StoreRows.bindIdempotency(ps, accountId, folder, k.getKey().entryId(), k.getKey().key(), k.getValue(), s.rev(),
              s.seq(), at);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    pruneEntries(c, accountId, folder, last.values(), at - retention.keepFor().toMillis());
  }

  /** Deletes revisions of the written entries that are both beyond the kept count and older than the cutoff. */
  private void pruneEntries(Connection c, long accountId, String folder, java.util.Collection<EntryMeta> written,
      long cutoffMillis) throws SQLException {
    List<EntryMeta> prunable = written.stream().filter(h -> h.rev() - retention.keepRevisions() >= 1).toList();
    if (prunable.isEmpty()) return;
    try (PreparedStatement chunks = c.prepareStatement(
        "DELETE FROM revision_chunks rc USING revisions r WHERE rc.account_id = r.account_id AND rc.folder = r.folder"
            + " AND rc.entry_id = r.entry_id AND rc.rev = r.rev AND r.account_id = ? AND r.folder = ? AND r.entry_id = ?"
            + " AND r.rev <= ? AND r.modified_at < ?");
        PreparedStatement revisions = c.prepareStatement(
            "DELETE FROM revisions WHERE account_id = ? AND folder = ? AND entry_id = ? AND rev <= ? AND modified_at < ?")) {
      for (EntryMeta h : prunable) {
        for (PreparedStatement ps : List.of(chunks, revisions)) {
          ps.setLong(1, accountId);
          ps.setString(2, folder);
          ps.setString(3, h.entryId());
          ps.setLong(4, h.rev() - retention.keepRevisions());
          ps.setLong(5, cutoffMillis);
          ps.addBatch();
        }
      }
      chunks.executeBatch();
      revisions.executeBatch();
    }
  }

  @Override
  public ChangesPage changes(long accountId, String folder, long since, int limit) {
    return snapshot("changes", c -> StoreRows.changes(Connection::prepareStatement, c, accountId, folder, since, limit));
  }

  @Override
  public Optional<EntryMeta> entry(long accountId, String folder, String entryId, long rev) {
    return read("get entry", c -> rev == 0
        ? StoreRows.head(Connection::prepareStatement, c, accountId, folder, entryId)
        : StoreRows.revision(Connection::prepareStatement, c, accountId, folder, entryId, rev));
  }

  @Override
  public List<EntryMeta> history(long accountId, String folder, String entryId) {
    return read("entry history", c -> StoreRows.history(Connection::prepareStatement, c, accountId, folder, entryId));
  }

  // ---- chunks

  @Override
  public List<String> missingChunks(long accountId, String folder, List<String> ids) {
    if (ids.isEmpty()) return List.of();
    Set<String> distinct = new LinkedHashSet<>(ids);
    Set<String> present = read("missing chunks", c -> {
      Set<String> out = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT chunk_id FROM chunks WHERE account_id = ? AND folder = ? AND chunk_id = ANY(?)")) {
        ps.setLong(1, accountId);
        ps.setString(2, folder);
        ps.setArray(3, textArray(c, distinct));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(rs.getString(1));
        }
      }
      return out;
    });
    return distinct.stream().filter(id -> !present.contains(id)).toList();
  }

  @Override
  public boolean putChunk(long accountId, String folder, String chunkId, byte[] data, Instant now) {
    return write("put chunk", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO chunks(account_id, folder, chunk_id, size, data, touched_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setLong(1, accountId);
        ps.setString(2, folder);
        ps.setString(3, chunkId);
        ps.setLong(4, data.length);
        ps.setBytes(5, data);
        ps.setLong(6, now.toEpochMilli());
        if (ps.executeUpdate() == 1) return true;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE chunks SET touched_at = GREATEST(touched_at, ?) WHERE account_id = ? AND folder = ? AND chunk_id = ?")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setLong(2, accountId);
        ps.setString(3, folder);
        ps.setString(4, chunkId);
        ps.executeUpdate();
      }
      return false;
    });
  }

  @Override
  public Optional<byte[]> chunk(long accountId, String folder, String chunkId) {
    return read("get chunk", c -> StoreRows.chunk(Connection::prepareStatement, c, accountId, folder, chunkId));
  }

  // ---- housekeeping

  /** One instance sweeps at a time; the others find the lock taken and skip this round. */
  @Override
  public Housekeeping housekeep(Instant now, Retention r, Duration chunkGrace, Duration idempotencyTtl) {
    return write("housekeeping", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
        ps.setLong(1, HOUSEKEEPING_LOCK);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) return new Housekeeping(0, 0, 0, 0);
        }
      }
      long cutoff = now.minus(r.keepFor()).toEpochMilli();
      String prunable = " AND e.account_id = r.account_id AND e.folder = r.folder AND e.entry_id = r.entry_id"
          + " AND r.modified_at < ? AND r.rev <= e.head_rev - ?";
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM revision_chunks rc USING revisions r, entries e"
          + " WHERE rc.account_id = r.account_id AND rc.folder = r.folder AND rc.entry_id = r.entry_id AND rc.rev = r.rev" + prunable)) {
        ps.setLong(1, cutoff);
        ps.setInt(2, r.keepRevisions());
        ps.executeUpdate();
      }
      long revisions;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM revisions r USING entries e WHERE TRUE" + prunable)) {
        ps.setLong(1, cutoff);
        ps.setInt(2, r.keepRevisions());
        revisions = ps.executeUpdate();
      }
      long chunks;
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM chunks ch WHERE touched_at < ? AND NOT EXISTS (SELECT 1 FROM revision_chunks rc"
              + " WHERE rc.account_id = ch.account_id AND rc.folder = ch.folder AND rc.chunk_id = ch.chunk_id)")) {
        ps.setLong(1, now.minus(chunkGrace).toEpochMilli());
        chunks = ps.executeUpdate();
      }
      long keys = StoreRows.expireKeys(Connection::prepareStatement, c, now.minus(idempotencyTtl));
      long invites = StoreRows.expireInvites(Connection::prepareStatement, c, now);
      return new Housekeeping(revisions, chunks, keys, invites);
    });
  }

  @Override
  public StoreStats stats() {
    return read("stats", StoreRows::stats);
  }

  /** A pooled connection for tools that read or copy whole tables (the SQLite import). */
  Connection connection() throws SQLException {
    ensureOpen();
    return pool.getConnection();
  }

  @Override
  public void close() {
    PostgresChangeFeed f;
    synchronized (feedLock) {
      if (closed) return;
      closed = true;
      f = feed;
    }
    if (f != null) f.close();
    health.close();
    pool.close();
  }
}
