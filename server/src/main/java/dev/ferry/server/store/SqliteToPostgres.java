package dev.ferry.server.store;

import dev.ferry.server.Retention;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * Copies a SQLite hub database into a PostgreSQL one ({@code ferry server migrate}). The source is
 * read in one transaction, so the copy is one consistent snapshot. Rows go over in committed
 * batches with {@code ON CONFLICT DO NOTHING}: an interrupted copy is simply run again and picks
 * up where it stopped. Afterwards every table is verified: row counts and an order-independent
 * digest of all rows (the sum of each row's SHA-256 over a canonical encoding) on both sides.
 *
 * <p>The target must be empty or hold an earlier copy of the same source: accounts it has that the
 * source does not are refused before anything is written.
 */
public final class SqliteToPostgres {
  private static final int BATCH_ROWS = 500;
  private static final long BATCH_BYTES = 32L << 20;
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

  private SqliteToPostgres() {}

  enum Kind { LONG, TEXT, BYTES, BOOL }

  record Column(String sqlite, String postgres, Kind kind) {}

  record Table(String name, List<Column> columns) {}

  private static Column c(String name, Kind kind) {
    return new Column(name, name, kind);
  }

  private static final Kind L = Kind.LONG;
  private static final Kind T = Kind.TEXT;
  private static final Kind B = Kind.BYTES;

  /** In foreign-key order. */
  static final List<Table> TABLES = List.of(
      new Table("settings", List.of(c("name", T), c("value", B))),
      new Table("invites", List.of(c("code_hash", B), c("created_at", L), c("expires_at", L), c("used_at", L), c("used_by", L))),
      new Table("accounts", List.of(c("id", L), new Column("user", "username", T), c("kdf_algorithm", T), c("kdf_salt", T),
          c("kdf_memory_kib", L), c("kdf_iterations", L), c("kdf_parallelism", L), c("auth_salt", B), c("auth_hash", B),
          c("created_at", L))),
      new Table("devices", List.of(c("id", T), c("account_id", L), c("name", T), c("token_hash", B), c("created_at", L),
          c("last_seen_at", L), c("revoked_at", L))),
      new Table("folders", List.of(c("account_id", L), c("folder", T), c("head_seq", L), c("wrapped_key", T),
          c("last_modified_at", L), c("last_modified_by", T))),
      new Table("revisions", List.of(c("account_id", L), c("folder", T), c("entry_id", T), c("rev", L), c("seq", L),
          c("deleted", Kind.BOOL), c("size", L), c("chunks", T), c("inline", T), c("meta", T), c("modified_by", T),
          c("modified_at", L))),
      new Table("entries", List.of(c("account_id", L), c("folder", T), c("entry_id", T), c("head_rev", L), c("head_seq", L),
          c("deleted", Kind.BOOL))),
      new Table("revision_chunks", List.of(c("account_id", L), c("folder", T), c("chunk_id", T), c("entry_id", T), c("rev", L))),
      new Table("chunks", List.of(c("account_id", L), c("folder", T), c("chunk_id", T), c("size", L), c("data", B),
          c("touched_at", L))),
      new Table("idempotency", List.of(c("account_id", L), c("folder", T), c("entry_id", T), c("key", T),
          c("request_hash", B), c("rev", L), c("seq", L), c("created_at", L))));

  /** One table's verification: rows and digest on each side. */
  public record TableCheck(String table, long sourceRows, long targetRows, String sourceDigest, String targetDigest) {
    public boolean matches() {
      return sourceRows == targetRows && sourceDigest.equals(targetDigest);
    }
  }

  /** What a copy did; {@link #verified} when every table matches. */
  public record Report(List<TableCheck> tables, long rowsInserted) {
    public boolean verified() {
      return tables.stream().allMatch(TableCheck::matches);
    }
  }

  /**
   * Copies {@code sqliteFile} into the PostgreSQL database at {@code postgresUrl} (migrating its
   * schema first) and verifies the result. {@code progress} hears one line per table.
   */
  public static Report copy(Path sqliteFile, String postgresUrl, Consumer<String> progress) {
    if (!Files.isRegularFile(sqliteFile)) {
      throw new IllegalArgumentException("no hub database at " + sqliteFile + " (expected the hub.db file of a data directory)");
    }
    // The source is only ever read: a file that is not a hub database (a daemon's state.db, say)
    // must come out of a refused migration byte for byte as it went in.
    try (Connection src = openReadOnly(sqliteFile)) {
      src.setAutoCommit(false); // one read transaction: one snapshot of the source
      requireHubDatabase(src, sqliteFile);
      return copy(sqliteFile, src, postgresUrl, progress);
    } catch (SQLException e) {
      throw new StoreException("reading " + sqliteFile + " failed: " + e.getMessage(), e);
    }
  }

  private static Report copy(Path sqliteFile, Connection src, String postgresUrl, Consumer<String> progress) {
    try (PostgresStore target = PostgresStore.open(postgresUrl, Retention.DEFAULT);
        Connection dst = target.connection()) {
      dst.setAutoCommit(false);
      refuseForeignAccounts(src, dst);
      List<TableCheck> checks = new ArrayList<>();
      long inserted = 0;
      for (Table t : TABLES) {
        Copied copied = copyTable(t, src, dst);
        inserted += copied.inserted();
        Digest targetDigest = digestTarget(t, dst);
        checks.add(new TableCheck(t.name(), copied.source().rows(), targetDigest.rows(), copied.source().hex(), targetDigest.hex()));
        progress.accept(String.format("%-16s %,10d rows (%,d new)  source %s  target %s  %s", t.name(), copied.source().rows(),
            copied.inserted(), copied.source().hex(), targetDigest.hex(),
            copied.source().equals(targetDigest) ? "ok" : "MISMATCH"));
      }
      try (Statement st = dst.createStatement()) {
        // Accounts were copied with their ids; new sign-ups continue after the largest.
        st.execute("SELECT setval(pg_get_serial_sequence('accounts', 'id'), GREATEST((SELECT MAX(id) FROM accounts), 1))");
      }
      dst.commit();
      src.rollback();
      return new Report(List.copyOf(checks), inserted);
    } catch (SQLException e) {
      throw new StoreException("copying " + sqliteFile + " to " + PostgresUrl.redact(postgresUrl) + " failed: " + e.getMessage(), e);
    }
  }

  private static Connection openReadOnly(Path file) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setReadOnly(true);
    cfg.setBusyTimeout(10_000);
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
  }

  /**
   * Refuses a source that is not a hub database of the schema this copy reads: every table and
   * column it copies must be there, at the schema version this hub writes. An older hub file is
   * not upgraded here, because that would write to the source; a hub start does it.
   */
  private static void requireHubDatabase(Connection src, Path file) throws SQLException {
    String notHub = file + " is not a Ferry hub database (expected the hub.db file of a hub's --data directory)";
    List<String> missing = new ArrayList<>();
    try {
      for (Table t : TABLES) {
        List<String> have = new ArrayList<>();
        try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(\"" + t.name() + "\")")) {
          while (rs.next()) have.add(rs.getString("name"));
        }
        for (Column c : t.columns()) if (!have.contains(c.sqlite())) missing.add(t.name() + "." + c.sqlite());
      }
      if (!tableExists(src, "schema_migrations")) missing.add("schema_migrations");
    } catch (SQLException e) {
      // Not SQLite at all ("file is not a database"), or unreadable as one.
      throw new IllegalArgumentException(notHub + ": " + e.getMessage(), e);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(notHub + ": it lacks " + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
          + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : ""));
    }
    int version = StoreRows.currentVersion(src);
    int known = SqliteSchema.MIGRATIONS.size();
    if (version > known) {
      throw new IllegalArgumentException(file + " is at hub schema version " + version + ", newer than this ferry knows ("
          + known + "); migrate it with the ferry that wrote it");
    }
    if (version < known) {
      throw new IllegalArgumentException(file + " is at hub schema version " + version + ", older than this ferry copies ("
          + known + "): start ferry server on its data directory once (that upgrades it), stop it, and migrate again");
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void refuseForeignAccounts(Connection src, Connection dst) throws SQLException {
    List<String> foreign = new ArrayList<>();
    try (Statement st = dst.createStatement(); ResultSet rs = st.executeQuery("SELECT id, username FROM accounts ORDER BY id");
        PreparedStatement ps = src.prepareStatement("SELECT 1 FROM accounts WHERE id = ? AND user = ?")) {
      while (rs.next()) {
        ps.setLong(1, rs.getLong(1));
        ps.setString(2, rs.getString(2));
        try (ResultSet s = ps.executeQuery()) {
          if (!s.next()) foreign.add(rs.getString(2) + " (id " + rs.getLong(1) + ")");
        }
      }
    }
    dst.rollback();
    if (!foreign.isEmpty()) {
      throw new IllegalArgumentException("the target database already holds accounts the source does not: "
          + String.join(", ", foreign) + "; migrate into an empty database");
    }
  }

  private record Digest(long rows, BigInteger sum) {
    String hex() {
      return String.format("%064x", sum).substring(0, 16);
    }
  }

  /** {@code inserted} by counting: the driver's rewritten batches do not report per-row counts. */
  private record Copied(Digest source, long inserted) {}

  private static Copied copyTable(Table t, Connection src, Connection dst) throws SQLException {
    String select = "SELECT " + t.columns().stream().map(Column::sqlite).map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
        + " FROM " + t.name();
    String insert = "INSERT INTO " + t.name() + "(" + t.columns().stream().map(Column::postgres).collect(Collectors.joining(", "))
        + ") VALUES (" + t.columns().stream().map(x -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT DO NOTHING";
    long rows = 0;
    long before = count(t, dst);
    BigInteger sum = BigInteger.ZERO;
    try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery(select);
        PreparedStatement ps = dst.prepareStatement(insert)) {
      int pending = 0;
      long pendingBytes = 0;
      while (rs.next()) {
        Object[] row = new Object[t.columns().size()];
        for (int i = 0; i < row.length; i++) row[i] = read(rs, i + 1, t.columns().get(i).kind());
        sum = sum.add(rowHash(row)).mod(MOD);
        rows++;
        for (int i = 0; i < row.length; i++) bind(ps, i + 1, t.columns().get(i).kind(), row[i]);
        ps.addBatch();
        pending++;
        for (Object o : row) if (o instanceof byte[] b) pendingBytes += b.length; else if (o instanceof String s) pendingBytes += s.length();
        if (pending >= BATCH_ROWS || pendingBytes >= BATCH_BYTES) {
          flush(ps, dst);
          pending = 0;
          pendingBytes = 0;
        }
      }
      if (pending > 0) flush(ps, dst);
    }
    long inserted = count(t, dst) - before;
    dst.commit();
    return new Copied(new Digest(rows, sum), inserted);
  }

  /** Sends and commits a batch, so an interrupted copy keeps what it had done. */
  private static void flush(PreparedStatement ps, Connection dst) throws SQLException {
    ps.executeBatch();
    dst.commit();
  }

  private static long count(Table t, Connection dst) throws SQLException {
    try (Statement st = dst.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t.name())) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Digest digestTarget(Table t, Connection dst) throws SQLException {
    String select = "SELECT " + t.columns().stream().map(Column::postgres).collect(Collectors.joining(", ")) + " FROM " + t.name();
    long rows = 0;
    BigInteger sum = BigInteger.ZERO;
    try (Statement st = dst.createStatement()) {
      st.setFetchSize(BATCH_ROWS); // a cursor, not the whole table in memory (needs autocommit off)
      try (ResultSet rs = st.executeQuery(select)) {
        while (rs.next()) {
          Object[] row = new Object[t.columns().size()];
          for (int i = 0; i < row.length; i++) row[i] = read(rs, i + 1, t.columns().get(i).kind());
          sum = sum.add(rowHash(row)).mod(MOD);
          rows++;
        }
      }
    }
    dst.commit();
    return new Digest(rows, sum);
  }

  /** A column's value in its canonical Java form: Long, String, byte[] or Boolean; null stays null. */
  private static Object read(ResultSet rs, int i, Kind kind) throws SQLException {
    Object v = switch (kind) {
      case LONG -> rs.getLong(i);
      case TEXT -> rs.getString(i);
      case BYTES -> rs.getBytes(i);
      case BOOL -> rs.getObject(i) instanceof Boolean b ? b : rs.getLong(i) != 0;
    };
    return rs.wasNull() ? null : v;
  }

  private static void bind(PreparedStatement ps, int i, Kind kind, Object v) throws SQLException {
    if (v == null) {
      ps.setNull(i, switch (kind) {
        case LONG -> java.sql.Types.BIGINT;
        case TEXT -> java.sql.Types.VARCHAR;
        case BYTES -> java.sql.Types.BINARY;
        case BOOL -> java.sql.Types.BOOLEAN;
      });
      return;
    }
    switch (kind) {
      case LONG -> ps.setLong(i, (Long) v);
      case TEXT -> ps.setString(i, (String) v);
      case BYTES -> ps.setBytes(i, (byte[]) v);
      case BOOL -> ps.setBoolean(i, (Boolean) v);
    }
  }

  private static BigInteger rowHash(Object[] row) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Object v : row) {
      byte[] bytes = v == null ? new byte[0] : v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8);
      char tag = v == null ? 'N' : v instanceof byte[] ? 'B' : v instanceof String ? 'S' : 'V';
      md.update((tag + Integer.toString(bytes.length) + ":").getBytes(StandardCharsets.US_ASCII));
      md.update(bytes);
    }
    return new BigInteger(1, md.digest());
  }
}
