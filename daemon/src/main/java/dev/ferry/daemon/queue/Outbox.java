package dev.ferry.daemon.queue;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.core.Version;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.queue.QueueEntry.Direction;
import dev.ferry.daemon.queue.QueueEntry.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * One folder's outbox in state.db. Every local change is recorded here before anything is sent;
 * the prepared write (sealed metadata with its random nonces) and its Idempotency-Key are stored
 * before the first send, so a retry after a lost answer sends the very same bytes and the hub
 * replays its first answer instead of making a second revision. A row leaves only when the hub
 * acknowledged the revision carrying it, or when the change is gone from disk (invariant 4).
 * Failures move rows to the failed queue, keeping what they need to be retried.
 */
public final class Outbox implements AutoCloseable {
  private static final String COLUMNS = "id, folder, path, direction, operation, status, base_rev, local_version, "
      + "idempotency_key, write_json, after_json, attempts, created_at, next_attempt_at, error, error_category";

  private final String folder;
  private final Connection conn;
  private final Clock clock;
  private final RetryPolicy policy;
  private final DoubleSupplier random;

  public Outbox(StateDb db, String folder, Clock clock, RetryPolicy policy) throws SQLException {
    this(db, folder, clock, policy, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random the jitter draw in [0, 1): fixed in tests */
  public Outbox(StateDb db, String folder, Clock clock, RetryPolicy policy, DoubleSupplier random) throws SQLException {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.random = Objects.requireNonNull(random, "random");
    this.conn = db.connect();
  }

  public String folder() { return folder; }

  public RetryPolicy policy() { return policy; }

  /** The stamp of a local side that an upload carries: changes when the bytes, kind or executable bit change. */
  public static String stamp(Version v) {
    if (v == null) return "absent";
    return v.kind().name() + ":" + (v.hash() == null ? "-" : v.hash()) + (v.executable() ? ":x" : "");
  }

  /**
   * Records the folder's current local changes, durably, before any is sent. A change whose local
   * version is unchanged keeps its row (and prepared write, attempts, failure); a row whose local
   * version moved on starts afresh as pending; rows of paths that no longer differ from the index
   * leave (the hub acknowledged them, or the change was undone on disk).
   */
  public synchronized void record(Collection<LocalChange> changes) throws SQLException {
    Map<String, QueueEntry> rows = uploads();
    Map<String, LocalChange> byPath = new LinkedHashMap<>();
    for (LocalChange c : changes) byPath.put(c.path(), c);
    long now = clock.millis();
    inTransaction(() -> {
      try (PreparedStatement del = conn.prepareStatement("DELETE FROM outbox WHERE id = ?");
          PreparedStatement ins = conn.prepareStatement("INSERT INTO outbox(folder, path, direction, operation, status,"
              + " base_rev, local_version, attempts, created_at) VALUES (?,?,'upload',?,'pending',?,?,0,?)")) {
        for (QueueEntry row : rows.values()) {
          LocalChange c = byPath.get(row.path());
          if (c == null || !c.localVersion().equals(row.localVersion())) {
            del.setLong(1, row.id());
            del.addBatch();
          }
        }
        del.executeBatch();
        for (LocalChange c : byPath.values()) {
          QueueEntry row = rows.get(c.path());
          if (row != null && c.localVersion().equals(row.localVersion())) continue;
          ins.setString(1, folder);
          ins.setString(2, c.path());
          ins.setString(3, c.operation());
          ins.setLong(4, c.baseRev());
          ins.setString(5, c.localVersion());
          ins.setLong(6, now);
          ins.addBatch();
        }
        ins.executeBatch();
      }
    });
  }

  /** The upload rows, every status, by path. */
  public synchronized Map<String, QueueEntry> uploads() throws SQLException {
    Map<String, QueueEntry> out = new HashMap<>();
    for (QueueEntry e : select("direction = 'upload'")) out.put(e.path(), e);
    return out;
  }

  /** Every row of this folder, oldest first. */
  public synchronized List<QueueEntry> all() throws SQLException {
    return select("1 = 1");
  }

  /**
   * Stores a freshly prepared write for {@code path}, before it is sent. A changed base revision
   * keeps the attempt count (the change is the same); a changed local version starts over.
   */
  public synchronized void prepared(String path, String operation, long baseRev, String localVersion, String key,
      String writeJson, String afterJson) throws SQLException {
    preparedAll(List.of(new PreparedWrite(path, operation, baseRev, localVersion, key, writeJson, afterJson)));
  }

  /** A write ready to send, as {@link #preparedAll} stores it. */
  public record PreparedWrite(String path, String operation, long baseRev, String localVersion, String key,
      String writeJson, String afterJson) {}

  /** Stores many prepared writes in one transaction (one batch of uploads: one commit, not one per file). */
  public synchronized void preparedAll(Collection<PreparedWrite> writes) throws SQLException {
    if (writes.isEmpty()) return;
    inTransaction(() -> {
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO outbox(folder, path, direction, operation, status,"
          + " base_rev, local_version, idempotency_key, write_json, after_json, attempts, created_at)"
          + " VALUES (?,?,'upload',?,'pending',?,?,?,?,?,0,?)"
          + " ON CONFLICT(folder, path, direction) DO UPDATE SET operation = excluded.operation, status = 'pending',"
          + " base_rev = excluded.base_rev, idempotency_key = excluded.idempotency_key, write_json = excluded.write_json,"
          + " after_json = excluded.after_json,"
          + " attempts = CASE WHEN local_version = excluded.local_version THEN attempts ELSE 0 END,"
          + " local_version = excluded.local_version")) {
        for (PreparedWrite w : writes) {
          ps.setString(1, folder);
          ps.setString(2, w.path());
          ps.setString(3, w.operation());
          ps.setLong(4, w.baseRev());
          ps.setString(5, w.localVersion());
          ps.setString(6, w.key());
          ps.setString(7, w.writeJson());
          ps.setString(8, w.afterJson());
          ps.setLong(9, clock.millis());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** The hub acknowledged the revisions carrying these paths: their upload rows leave. */
  public synchronized void acknowledged(Collection<String> paths) throws SQLException {
    if (paths.isEmpty()) return;
    inTransaction(() -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "DELETE FROM outbox WHERE folder = ? AND path = ? AND direction = 'upload'")) {
        for (String p : paths) {
          ps.setString(1, folder);
          ps.setString(2, p);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /**
   * An attempt to send {@code path} failed with an answer from the hub. Retryable categories wait
   * their backoff (at least {@code retryAfter}); non-retryable ones, and the attempt past
   * {@code max_attempts}, move the row to the failed queue. Returns the row as it is now.
   */
  public synchronized Optional<QueueEntry> attemptFailed(String path, ErrorCategory category, String error,
      Duration retryAfter) throws SQLException {
    QueueEntry row = uploads().get(path);
    if (row == null) return Optional.empty();
    int attempts = row.attempts() + 1;
    boolean give = policy.givesUp(category, attempts);
    Instant next = give ? null : clock.instant().plus(policy.itemDelay(attempts, retryAfter, random.getAsDouble()));
    try (PreparedStatement ps = conn.prepareStatement("UPDATE outbox SET attempts = ?, status = ?, next_attempt_at = ?,"
        + " error = ?, error_category = ? WHERE id = ?")) {
      ps.setInt(1, attempts);
      ps.setString(2, (give ? Status.FAILED : Status.PENDING).wire());
      if (next == null) ps.setNull(3, Types.INTEGER); else ps.setLong(3, next.toEpochMilli());
      ps.setString(4, error);
      ps.setString(5, category.name());
      ps.setLong(6, row.id());
      ps.executeUpdate();
    }
    return Optional.ofNullable(uploads().get(path));
  }

  /** A local fault (unreadable file...) stops {@code path} for good: it goes to the failed queue at once. */
  public synchronized void uploadFailed(LocalChange change, ErrorCategory category, String error) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO outbox(folder, path, direction, operation, status,"
        + " base_rev, local_version, attempts, created_at, error, error_category) VALUES (?,?,'upload',?,'failed',?,?,1,?,?,?)"
        + " ON CONFLICT(folder, path, direction) DO UPDATE SET status = 'failed', attempts = attempts + 1,"
        + " local_version = excluded.local_version, error = excluded.error, error_category = excluded.error_category,"
        + " next_attempt_at = NULL")) {
      ps.setString(1, folder);
      ps.setString(2, change.path());
      ps.setString(3, change.operation());
      ps.setLong(4, change.baseRev());
      ps.setString(5, change.localVersion());
      ps.setLong(6, clock.millis());
      ps.setString(7, error);
      ps.setString(8, category.name());
      ps.executeUpdate();
    }
  }

  /** A remote change (revision {@code rev}) could not be applied here: it waits in the failed queue. */
  public synchronized void downloadFailed(String path, String operation, long rev, ErrorCategory category, String error)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO outbox(folder, path, direction, operation, status,"
        + " base_rev, attempts, created_at, error, error_category) VALUES (?,?,'download',?,'failed',?,1,?,?,?)"
        + " ON CONFLICT(folder, path, direction) DO UPDATE SET operation = excluded.operation,"
        + " status = CASE WHEN base_rev = excluded.base_rev AND status = 'dropped' THEN 'dropped' ELSE 'failed' END,"
        + " attempts = CASE WHEN base_rev = excluded.base_rev THEN attempts + 1 ELSE 1 END,"
        + " base_rev = excluded.base_rev, error = excluded.error, error_category = excluded.error_category")) {
      ps.setString(1, folder);
      ps.setString(2, path);
      ps.setString(3, operation);
      ps.setLong(4, rev);
      ps.setLong(5, clock.millis());
      ps.setString(6, error);
      ps.setString(7, category.name());
      ps.executeUpdate();
    }
  }

  /** The download rows (failed or dropped), by path. */
  public synchronized Map<String, QueueEntry> downloads() throws SQLException {
    Map<String, QueueEntry> out = new HashMap<>();
    for (QueueEntry e : select("direction = 'download'")) out.put(e.path(), e);
    return out;
  }

  /** {@code path} was brought up to date from the hub: a failed download of it is settled. */
  public synchronized void downloadSettled(Collection<String> paths) throws SQLException {
    if (paths.isEmpty()) return;
    inTransaction(() -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "DELETE FROM outbox WHERE folder = ? AND path = ? AND direction = 'download'")) {
        for (String p : paths) {
          ps.setString(1, folder);
          ps.setString(2, p);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** Rows waiting to be sent. */
  public synchronized long pendingCount() throws SQLException {
    return count(Status.PENDING);
  }

  /** Rows in the failed queue. */
  public synchronized long failedCount() throws SQLException {
    return count(Status.FAILED);
  }

  /** The earliest time a pending row waits for, if any waits. */
  public synchronized Optional<Instant> nextAttempt() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT MIN(next_attempt_at) FROM outbox WHERE folder = ? AND status = 'pending' AND next_attempt_at IS NOT NULL")) {
      ps.setString(1, folder);
      try (ResultSet rs = ps.executeQuery()) {
        long v = rs.next() ? rs.getLong(1) : 0;
        return rs.wasNull() || v == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
      }
    }
  }

  private long count(Status s) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM outbox WHERE folder = ? AND status = ?")) {
      ps.setString(1, folder);
      ps.setString(2, s.wire());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private List<QueueEntry> select(String where) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT " + COLUMNS + " FROM outbox WHERE folder = ? AND " + where + " ORDER BY id")) {
      ps.setString(1, folder);
      return read(ps);
    }
  }

  /** Reads rows selected with {@link #COLUMNS}. */
  static List<QueueEntry> read(PreparedStatement ps) throws SQLException {
    List<QueueEntry> out = new java.util.ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long next = rs.getLong(14);
        Instant nextAt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
        String cat = rs.getString(16);
        out.add(new QueueEntry(rs.getLong(1), rs.getString(2), rs.getString(3), Direction.of(rs.getString(4)),
            rs.getString(5), Status.of(rs.getString(6)), rs.getLong(7), rs.getString(8), rs.getString(9),
            rs.getString(10), rs.getString(11), rs.getInt(12), Instant.ofEpochMilli(rs.getLong(13)), nextAt,
            rs.getString(15), cat == null ? null : ErrorCategory.valueOf(cat)));
      }
    }
    return out;
  }

  static String columns() { return COLUMNS; }

  private void inTransaction(StateDb.Work w) throws SQLException {
    StateDb.inTransaction(conn, w);
  }

  @Override
  public synchronized void close() throws SQLException {
    conn.close();
  }
}
