package dev.ferry.daemon.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's SQLite database ({@code state.db}, WAL). Schema changes are numbered
 * migrations; the database records the version it is at. Each user opens its own connection
 * (WAL lets readers run beside the one writer; busy_timeout queues writers).
 */
public final class StateDb {
  /** Migration N (1-based) brings the schema from version N-1 to N. Append only. */
  private static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE entries (
        folder TEXT NOT NULL, path TEXT NOT NULL, entry_id TEXT NOT NULL, kind TEXT NOT NULL,
        rev INTEGER NOT NULL, hash TEXT, executable INTEGER NOT NULL, deleted INTEGER NOT NULL,
        size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, vv TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (folder, path));
      CREATE INDEX entries_by_id ON entries(folder, entry_id);
      CREATE TABLE folder_meta (folder TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (folder, key));
      CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, folder TEXT NOT NULL,
        trigger TEXT NOT NULL, direction TEXT NOT NULL, started_at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL, result TEXT NOT NULL, uploaded INTEGER NOT NULL,
        downloaded INTEGER NOT NULL, deleted INTEGER NOT NULL, conflicts INTEGER NOT NULL,
        bytes_up INTEGER NOT NULL, bytes_down INTEGER NOT NULL, error TEXT, error_category TEXT);
      CREATE INDEX runs_by_folder ON runs(folder, id);
      CREATE TABLE conflicts (folder TEXT NOT NULL, path TEXT NOT NULL, copy_path TEXT NOT NULL,
        created_at INTEGER NOT NULL, remote_rev INTEGER NOT NULL, PRIMARY KEY (folder, copy_path));
      """,
      // 2: conflicts remember their common revision (for diff) and why; manual conflicts wait in
      // their own table (they have no copy); `ferry resolve` leaves its decision for the next run.
      """
      ALTER TABLE conflicts ADD COLUMN base_rev INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conflicts ADD COLUMN reason TEXT;
      CREATE TABLE conflicts_waiting (folder TEXT NOT NULL, path TEXT NOT NULL, base_rev INTEGER NOT NULL,
        remote_rev INTEGER NOT NULL, created_at INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (folder, path));
      CREATE TABLE conflict_decisions (folder TEXT NOT NULL, path TEXT NOT NULL, keep TEXT NOT NULL,
        requested_at INTEGER NOT NULL, PRIMARY KEY (folder, path));
      """,
      // 3: the outbox (queue/). One row per path and direction; status pending, failed or dropped,
      // so moving an item between the queues keeps its prepared write and Idempotency-Key.
      """
      CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, folder TEXT NOT NULL, path TEXT NOT NULL,
        direction TEXT NOT NULL, operation TEXT NOT NULL, status TEXT NOT NULL, base_rev INTEGER NOT NULL,
        local_version TEXT, idempotency_key TEXT, write_json TEXT, after_json TEXT,
        attempts INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, next_attempt_at INTEGER,
        error TEXT, error_category TEXT, UNIQUE (folder, path, direction));
      CREATE INDEX outbox_by_status ON outbox(folder, status);
      CREATE VIEW failed AS SELECT * FROM outbox WHERE status = 'failed';
      """,
      // 4: the ctime of each synced file, so that an edit keeping size and mtime is seen. 0 is
      // "not known yet": such a file is hashed once by the next scan, which then records it.
      """
      ALTER TABLE entries ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT 0;
      """);

  /** Below this much room, an SQLite error on state.db is taken for a full disk. */
  static final long FULL_BELOW_BYTES = 1 << 20;

  private final Path file;
  private final String url;

  private StateDb(Path file) {
    this.file = file.toAbsolutePath();
    this.url = "jdbc:sqlite:" + this.file;
  }

  /**
   * What a failed statement most likely meant when the disk holding state.db is full, or empty.
   * SQLite rolls a transaction back by itself when it runs out of room, and the commit that
   * follows then reports only "no transaction is active": the free space says what happened.
   */
  public Optional<String> fullDisk() {
    try {
      return fullDisk(file, Files.getFileStore(file).getUsableSpace());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<String> fullDisk(Path file, long usableBytes) {
    if (usableBytes >= FULL_BELOW_BYTES) return Optional.empty();
    return Optional.of("the disk holding " + file + " is full (" + usableBytes / 1024 + " KiB free)");
  }

  public static StateDb open(Path file) throws IOException {
    return openAt(file, MIGRATIONS.size());
  }

  /** The database as a ferry whose newest migration was {@code version} leaves it: how tests make an older one. */
  static StateDb openAt(Path file, int version) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.isDirectory(file)) {
      // SQLite says only "unable to open database file".
      throw new IOException("cannot open state database " + file + ": it is a directory, not a file");
    }
    StateDb db = new StateDb(file);
    try (Connection c = db.connect()) {
      db.migrate(c, version);
    } catch (SQLException e) {
      throw new IOException("cannot open state database " + file + ": " + e.getMessage(), e);
    }
    return db;
  }

  /** Statements that must land together. */
  @FunctionalInterface
  public interface Work {
    void run() throws SQLException;
  }

  /** Runs {@code w} in one transaction on {@code c}: all of it commits, or none of it. */
  public static void inTransaction(Connection c, Work w) throws SQLException {
    c.setAutoCommit(false);
    try {
      w.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback); // SQLite may have rolled back already (a full disk): the first error is the one to tell
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  public Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA foreign_keys = ON");
    }
    return c;
  }

  private void migrate(Connection c, int target) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int version = 0;
      try (var rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
        if (rs.next()) version = rs.getInt(1);
      }
      if (version > MIGRATIONS.size()) {
        throw new SQLException("state.db is at schema version " + version + ", newer than this ferry ("
            + MIGRATIONS.size() + "); upgrade ferry");
      }
      c.setAutoCommit(false);
      try {
        for (int v = version; v < target; v++) {
          for (String stmt : MIGRATIONS.get(v).split(";")) {
            if (!stmt.isBlank()) s.execute(stmt);
          }
          s.execute("INSERT INTO schema_version(version) VALUES (" + (v + 1) + ")");
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }
}
