package dev.ferry.daemon.local;

import dev.ferry.daemon.core.EntryKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One folder's view of state.db: its index entries and small key/value facts (the change-feed
 * cursor, the last sync). Writes that belong together go through {@link #commit}, so applied
 * changes and the advanced cursor land in one transaction (invariant 3).
 */
public final class FolderIndex implements AutoCloseable {
  public static final String CURSOR = "cursor";
  /** The columns {@link #entryAt} reads, in its order. */
  public static final String ENTRY_COLUMNS = "path, entry_id, kind, rev, hash, executable, deleted, size, mtime_ns, ctime_ns, vv";

  private final String folder;
  private final StateDb db;
  private final Connection conn;

  public FolderIndex(StateDb db, String folder) throws SQLException {
    this.folder = folder;
    this.db = db;
    this.conn = db.connect();
  }

  public String folder() { return folder; }

  public StateDb db() { return db; }

  public synchronized Map<String, IndexEntry> load() throws SQLException {
    Map<String, IndexEntry> out = new HashMap<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM entries WHERE folder = ?")) {
      ps.setString(1, folder);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          IndexEntry e = entryAt(rs);
          out.put(e.path(), e);
        }
      }
    }
    return out;
  }

  /** The entry in the current row of a query that selected {@link #ENTRY_COLUMNS}. */
  public static IndexEntry entryAt(ResultSet rs) throws SQLException {
    return new IndexEntry(rs.getString(1), rs.getString(2), EntryKind.valueOf(rs.getString(3)), rs.getLong(4),
        rs.getString(5), rs.getInt(6) != 0, rs.getInt(7) != 0, rs.getLong(8), rs.getLong(9), rs.getLong(10),
        rs.getString(11));
  }

  /**
   * Records the stat a scan found for files whose content is still the indexed one (a touched
   * mtime, a chmod and back, a hard link made, or a ctime this index did not know yet), so the
   * next scan trusts them again instead of hashing them every time. Only the stat changes, and
   * only where the indexed hash is still the one the scan confirmed.
   */
  public synchronized void refreshStats(Collection<LocalFile> files) throws SQLException {
    if (files.isEmpty()) return;
    StateDb.inTransaction(conn, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "UPDATE entries SET size = ?, mtime_ns = ?, ctime_ns = ? WHERE folder = ? AND path = ? AND hash = ? AND deleted = 0")) {
        for (LocalFile f : files) {
          ps.setLong(1, f.size());
          ps.setLong(2, f.mtimeNs());
          ps.setLong(3, f.ctimeNs());
          ps.setString(4, folder);
          ps.setString(5, f.path());
          ps.setString(6, f.hash());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  public synchronized Optional<String> meta(String key) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM folder_meta WHERE folder = ? AND key = ?")) {
      ps.setString(1, folder);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  public long cursor() throws SQLException {
    return meta(CURSOR).map(Long::parseLong).orElse(0L);
  }

  /**
   * Writes entries (upserts), removes paths, and sets meta keys in one transaction. A null
   * map or collection means nothing of that kind.
   */
  public synchronized void commit(Collection<IndexEntry> upserts, Collection<String> removals, Map<String, String> meta)
      throws SQLException {
    StateDb.inTransaction(conn, () -> {
      if (upserts != null && !upserts.isEmpty()) {
        try (PreparedStatement ps = conn.prepareStatement(
            "INSERT OR REPLACE INTO entries(folder, " + ENTRY_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
          for (IndexEntry e : upserts) {
            ps.setString(1, folder);
            ps.setString(2, e.path());
            ps.setString(3, e.entryId());
            ps.setString(4, e.kind().name());
            ps.setLong(5, e.rev());
            ps.setString(6, e.hash());
            ps.setInt(7, e.executable() ? 1 : 0);
            ps.setInt(8, e.deleted() ? 1 : 0);
            ps.setLong(9, e.size());
            ps.setLong(10, e.mtimeNs());
            ps.setLong(11, e.ctimeNs());
            ps.setString(12, e.versionVector() == null ? "{}" : e.versionVector());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (removals != null && !removals.isEmpty()) {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM entries WHERE folder = ? AND path = ?")) {
          for (String p : removals) {
            ps.setString(1, folder);
            ps.setString(2, p);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (meta != null && !meta.isEmpty()) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO folder_meta(folder, key, value) VALUES (?,?,?)")) {
          for (var m : meta.entrySet()) {
            ps.setString(1, folder);
            ps.setString(2, m.getKey());
            ps.setString(3, m.getValue());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
    });
  }

  /** Forgets everything about this folder (folder remove). */
  public synchronized void clear() throws SQLException {
    for (String t : new String[] {"entries", "folder_meta", "conflicts"}) {
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + t + " WHERE folder = ?")) {
        ps.setString(1, folder);
        ps.executeUpdate();
      }
    }
  }

  public Connection connection() { return conn; }

  @Override
  public synchronized void close() throws SQLException {
    conn.close();
  }
}
