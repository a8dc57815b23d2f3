package dev.ferry.server.store;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.protocol.KdfParams;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC work that SQLite and PostgreSQL do alike: mapping rows to records and the statements
 * whose SQL is the same in both dialects. Each store passes its own way of preparing a statement
 * (SQLite caches them per connection, PostgreSQL prepares on the pooled connection), and keeps
 * its dialect-specific SQL, transactions and locking to itself.
 */
final class StoreRows {
  private StoreRows() {}

  /** How a store prepares a statement on a connection it holds. */
  @FunctionalInterface
  interface Prepare {
    PreparedStatement statement(Connection c, String sql) throws SQLException;
  }

  static final String META_COLUMNS =
      "r.entry_id, r.rev, r.seq, r.deleted, r.size, r.chunks, r.inline, r.meta, r.modified_by, r.modified_at";
  static final String HEAD_JOIN = " FROM entries e JOIN revisions r ON r.account_id = e.account_id"
      + " AND r.folder = e.folder AND r.entry_id = e.entry_id AND r.rev = e.head_rev";

  /** A row of {@link #META_COLUMNS}; {@code deleted} is an integer in SQLite and a boolean in PostgreSQL, and both drivers read either with {@code getBoolean}. */
  static EntryMeta meta(ResultSet rs) throws SQLException {
    String chunks = rs.getString(6);
    return new EntryMeta(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4), rs.getLong(5),
        chunks.isEmpty() ? List.of() : Arrays.asList(chunks.split(",")), rs.getString(7), rs.getString(8),
        rs.getString(9), Instant.ofEpochMilli(rs.getLong(10)));
  }

  // ---- schema

  static int currentVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static void checkNotNewer(int current, int known) throws SQLException {
    if (current > known) {
      throw new SQLException("database schema version " + current + " is newer than this hub knows (" + known + "); upgrade ferry");
    }
  }

  static void recordMigration(Connection c, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)")) {
      ps.setInt(1, version);
      ps.setLong(2, System.currentTimeMillis());
      ps.executeUpdate();
    }
  }

  // ---- settings, invites, accounts, devices

  static byte[] setting(Prepare p, Connection c, String name) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "SELECT value FROM settings WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }

  static int addInvite(Prepare p, Connection c, byte[] codeHash, Instant createdAt, Instant expiresAt) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "INSERT INTO invites(code_hash, created_at, expires_at) VALUES (?, ?, ?)")) {
      ps.setBytes(1, codeHash);
      ps.setLong(2, createdAt.toEpochMilli());
      ps.setLong(3, expiresAt.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  /** The account of {@code user}; {@code userColumn} is {@code user} in SQLite and {@code username} in PostgreSQL. */
  static Optional<Account> account(Prepare p, Connection c, String userColumn, String user) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "SELECT id, " + userColumn + ", kdf_algorithm, kdf_salt, kdf_memory_kib,"
        + " kdf_iterations, kdf_parallelism, auth_salt, auth_hash, created_at FROM accounts WHERE " + userColumn + " = ?")) {
      ps.setString(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        KdfParams kdf = new KdfParams(rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7));
        return Optional.of(new Account(rs.getLong(1), rs.getString(2), kdf, rs.getBytes(8), rs.getBytes(9),
            Instant.ofEpochMilli(rs.getLong(10))));
      }
    }
  }

  /** Binds the nine columns of a new account row, in the order both stores' INSERTs list them. */
  static void bindNewAccount(PreparedStatement ps, NewAccount a, Instant now) throws SQLException {
    ps.setString(1, a.user());
    ps.setString(2, a.kdf().algorithm());
    ps.setString(3, a.kdf().salt());
    ps.setInt(4, a.kdf().memoryKiB());
    ps.setInt(5, a.kdf().iterations());
    ps.setInt(6, a.kdf().parallelism());
    ps.setBytes(7, a.authSalt());
    ps.setBytes(8, a.authHash());
    ps.setLong(9, now.toEpochMilli());
  }

  /** Marks the invite used by {@code accountId} if it is still open; 1 when it was, else 0. */
  static int useInvite(Prepare p, Connection c, byte[] inviteHash, long accountId, Instant now) throws SQLException {
    try (PreparedStatement ps = p.statement(c,
        "UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")) {
      ps.setLong(1, now.toEpochMilli());
      ps.setLong(2, accountId);
      ps.setBytes(3, inviteHash);
      ps.setLong(4, now.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  static int addDevice(Prepare p, Connection c, long accountId, String deviceId, String name, byte[] tokenHash, Instant now)
      throws SQLException {
    try (PreparedStatement ps = p.statement(c,
        "INSERT INTO devices(id, account_id, name, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, deviceId);
      ps.setLong(2, accountId);
      ps.setString(3, name);
      ps.setBytes(4, tokenHash);
      ps.setLong(5, now.toEpochMilli());
      ps.setLong(6, now.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  static Optional<DeviceAuth> deviceByToken(Prepare p, Connection c, String userColumn, byte[] tokenHash) throws SQLException {
    try (PreparedStatement ps = p.statement(c,
        "SELECT d.account_id, a." + userColumn + ", d.id, d.last_seen_at FROM devices d JOIN accounts a ON a.id = d.account_id"
            + " WHERE d.token_hash = ? AND d.revoked_at IS NULL")) {
      ps.setBytes(1, tokenHash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new DeviceAuth(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
      }
    }
  }

  static List<Device> devices(Prepare p, Connection c, long accountId) throws SQLException {
    try (PreparedStatement ps = p.statement(c,
        "SELECT id, account_id, name, created_at, last_seen_at FROM devices WHERE account_id = ? AND revoked_at IS NULL"
            + " ORDER BY created_at, id")) {
      ps.setLong(1, accountId);
      List<Device> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Device(rs.getString(1), rs.getLong(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
              Instant.ofEpochMilli(rs.getLong(5))));
        }
      }
      return out;
    }
  }

  static boolean revokeDevice(Prepare p, Connection c, long accountId, String deviceId, Instant now) throws SQLException {
    try (PreparedStatement ps = p.statement(c,
        "UPDATE devices SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL")) {
      ps.setLong(1, now.toEpochMilli());
      ps.setString(2, deviceId);
      ps.setLong(3, accountId);
      return ps.executeUpdate() == 1;
    }
  }

  // ---- folders

  /** Stores the folder's key unless it has one; the folder row exists and the caller holds the write. */
  static PutKeyOutcome putFolderKey(Prepare p, Connection c, long accountId, String folder, String wrappedKey)
      throws SQLException {
    String existing;
    try (PreparedStatement ps = p.statement(c, "SELECT wrapped_key FROM folders WHERE account_id = ? AND folder = ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        existing = rs.getString(1);
      }
    }
    if (existing != null) return existing.equals(wrappedKey) ? new PutKeyOutcome.Same() : new PutKeyOutcome.Different(existing);
    try (PreparedStatement ps = p.statement(c, "UPDATE folders SET wrapped_key = ? WHERE account_id = ? AND folder = ?")) {
      ps.setString(1, wrappedKey);
      ps.setLong(2, accountId);
      ps.setString(3, folder);
      ps.executeUpdate();
    }
    return new PutKeyOutcome.Stored();
  }

  static Optional<String> folderKey(Prepare p, Connection c, long accountId, String folder) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "SELECT wrapped_key FROM folders WHERE account_id = ? AND folder = ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  // ---- entries

  /** The head of one entry, read by the shared {@link #HEAD_JOIN}. */
  static Optional<EntryMeta> head(Prepare p, Connection c, long accountId, String folder, String entryId) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "SELECT " + META_COLUMNS + HEAD_JOIN
        + " WHERE e.account_id = ? AND e.folder = ? AND e.entry_id = ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setString(3, entryId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(meta(rs)) : Optional.empty();
      }
    }
  }

  /** One revision of one entry ({@code rev} is not 0). */
  static Optional<EntryMeta> revision(Prepare p, Connection c, long accountId, String folder, String entryId, long rev)
      throws SQLException {
    try (PreparedStatement ps = p.statement(c, "SELECT " + META_COLUMNS
        + " FROM revisions r WHERE r.account_id = ? AND r.folder = ? AND r.entry_id = ? AND r.rev = ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setString(3, entryId);
      ps.setLong(4, rev);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(meta(rs)) : Optional.empty();
      }
    }
  }

  static List<EntryMeta> history(Prepare p, Connection c, long accountId, String folder, String entryId) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "SELECT " + META_COLUMNS
        + " FROM revisions r WHERE r.account_id = ? AND r.folder = ? AND r.entry_id = ? ORDER BY r.rev DESC")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setString(3, entryId);
      List<EntryMeta> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(meta(rs));
      }
      return out;
    }
  }

  /**
   * Inline ciphertext a page of the change feed carries at most (one entry always goes, whatever
   * its size): 500 entries of 60 KB made a 40 MB answer, built and parsed whole at both ends.
   */
  static final long PAGE_INLINE_CHARS = 4L * 1024 * 1024;

  /**
   * A page of heads after {@code since}, cut at {@code limit} entries or at
   * {@link #PAGE_INLINE_CHARS} of inline content; the caller runs it on one snapshot so head seq
   * and page agree.
   */
  static ChangesPage changes(Prepare p, Connection c, long accountId, String folder, long since, int limit) throws SQLException {
    long headSeq = 0;
    try (PreparedStatement ps = p.statement(c, "SELECT head_seq FROM folders WHERE account_id = ? AND folder = ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) headSeq = rs.getLong(1);
      }
    }
    List<EntryMeta> out = new ArrayList<>();
    boolean more = false;
    try (PreparedStatement ps = p.statement(c, "SELECT " + META_COLUMNS + HEAD_JOIN
        + " WHERE e.account_id = ? AND e.folder = ? AND e.head_seq > ? ORDER BY e.head_seq LIMIT ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setLong(3, since);
      ps.setInt(4, limit + 1);
      long inlineChars = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (out.size() == limit || inlineChars >= PAGE_INLINE_CHARS) {
            more = true;
            break;
          }
          EntryMeta m = meta(rs);
          out.add(m);
          if (m.inline() != null) inlineChars += m.inline().length();
        }
      }
    }
    return new ChangesPage(out, headSeq, more);
  }

  // ---- chunks

  static Optional<byte[]> chunk(Prepare p, Connection c, long accountId, String folder, String chunkId) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "SELECT data FROM chunks WHERE account_id = ? AND folder = ? AND chunk_id = ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      ps.setString(3, chunkId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  // ---- folder status

  /**
   * The folder's status; {@code headCountsSql} counts live and deleted heads and the bytes held
   * inline by live ones (the dialects spell the boolean sums differently), for account and folder.
   */
  static FolderStatus folderStatus(Prepare p, Connection c, String headCountsSql, long accountId, String folder)
      throws SQLException {
    long headSeq = 0;
    Instant lastAt = null;
    String lastBy = null;
    try (PreparedStatement ps = p.statement(c,
        "SELECT head_seq, last_modified_at, last_modified_by FROM folders WHERE account_id = ? AND folder = ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          headSeq = rs.getLong(1);
          long at = rs.getLong(2);
          lastAt = rs.wasNull() ? null : Instant.ofEpochMilli(at);
          lastBy = rs.getString(3);
        }
      }
    }
    long live;
    long deleted;
    long headBytes;
    try (PreparedStatement ps = p.statement(c, headCountsSql)) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        live = rs.getLong(1);
        deleted = rs.getLong(2);
        headBytes = rs.getLong(3);
      }
    }
    long chunks;
    long chunkBytes;
    try (PreparedStatement ps = p.statement(c,
        "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM chunks WHERE account_id = ? AND folder = ?")) {
      ps.setLong(1, accountId);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        chunks = rs.getLong(1);
        chunkBytes = rs.getLong(2);
      }
    }
    return new FolderStatus(folder, headSeq, live, deleted, chunks, headBytes + chunkBytes, lastAt, lastBy);
  }

  // ---- write rows

  static final String INSERT_REVISION =
      "INSERT INTO revisions(account_id, folder, entry_id, rev, seq, deleted, size, chunks, inline, meta, modified_by, modified_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Binds the revision row of an accepted write; {@code deleted} goes in as 1/0 in SQLite, a boolean in PostgreSQL. */
  static void bindRevision(PreparedStatement ps, long accountId, String folder, EntryMeta h, long at) throws SQLException {
    ps.setLong(1, accountId);
    ps.setString(2, folder);
    ps.setString(3, h.entryId());
    ps.setLong(4, h.rev());
    ps.setLong(5, h.seq());
    ps.setBoolean(6, h.deleted());
    ps.setLong(7, h.size());
    ps.setString(8, String.join(",", h.chunks()));
    if (h.inline() == null) ps.setNull(9, Types.VARCHAR); else ps.setString(9, h.inline());
    if (h.meta() == null) ps.setNull(10, Types.VARCHAR); else ps.setString(10, h.meta());
    ps.setString(11, h.modifiedBy());
    ps.setLong(12, at);
  }

  /** Binds a revision_chunks row: (account, folder, chunk, entry, rev). */
  static void bindRevisionChunk(PreparedStatement ps, long accountId, String folder, String chunkId, String entryId, long rev)
      throws SQLException {
    ps.setLong(1, accountId);
    ps.setString(2, folder);
    ps.setString(3, chunkId);
    ps.setString(4, entryId);
    ps.setLong(5, rev);
  }

  /** Binds an entries upsert row: (account, folder, entry, head rev, head seq, deleted). */
  static void bindHead(PreparedStatement ps, long accountId, String folder, EntryMeta h) throws SQLException {
    ps.setLong(1, accountId);
    ps.setString(2, folder);
    ps.setString(3, h.entryId());
    ps.setLong(4, h.rev());
    ps.setLong(5, h.seq());
    ps.setBoolean(6, h.deleted());
  }

  static final String INSERT_IDEMPOTENCY =
      "INSERT INTO idempotency(account_id, folder, entry_id, key, request_hash, rev, seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  static void bindIdempotency(PreparedStatement ps, long accountId, String folder, String entryId, String key,
      byte[] requestHash, long rev, long seq, long at) throws SQLException {
    ps.setLong(1, accountId);
    ps.setString(2, folder);
    ps.setString(3, entryId);
    ps.setString(4, key);
    ps.setBytes(5, requestHash);
    ps.setLong(6, rev);
    ps.setLong(7, seq);
    ps.setLong(8, at);
  }

  // ---- housekeeping

  /** Deletes idempotency keys created before {@code keysBefore}; returns how many. */
  static long expireKeys(Prepare p, Connection c, Instant keysBefore) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "DELETE FROM idempotency WHERE created_at < ?")) {
      ps.setLong(1, keysBefore.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  /** Deletes unused invites that expired before {@code now}; returns how many. */
  static long expireInvites(Prepare p, Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = p.statement(c, "DELETE FROM invites WHERE expires_at < ? AND used_at IS NULL")) {
      ps.setLong(1, now.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  static StoreStats stats(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM devices WHERE revoked_at IS NULL),"
            + " (SELECT COUNT(*) FROM entries), (SELECT COUNT(*) FROM revisions), (SELECT COUNT(*) FROM chunks),"
            + " (SELECT COALESCE(SUM(size), 0) FROM chunks) + (SELECT COALESCE(SUM(LENGTH(inline)), 0) FROM revisions)")) {
      rs.next();
      return new StoreStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
    }
  }
}
