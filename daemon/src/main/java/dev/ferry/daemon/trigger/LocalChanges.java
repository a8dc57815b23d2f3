package dev.ferry.daemon.trigger;

import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.local.StateDb;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a folder differs from what was last synced (its index), without a run. This is how
 * the triggers tell a person's edit from the daemon's own writes: after a run writes a file,
 * the index holds exactly what is on disk, so the file events of that write name paths that
 * compare equal here and start nothing (no upload loop). It also gives the periodic trigger's
 * {@code only_if_changes} its cheap "dirty" signal.
 *
 * <p>It reads state.db through connections of its own (WAL lets them read beside the run's
 * writer), so it never shares the run's connection across threads. A file whose size, mtime and
 * ctime equal the index's is not re-read.
 */
public final class LocalChanges {
  private final StateDb db;
  private final String folder;
  private final Path root;

  public LocalChanges(StateDb db, String folder, Path root) {
    this.db = Objects.requireNonNull(db, "db");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.root = Objects.requireNonNull(root, "root");
  }

  /** Whether any of these relative paths differs from the index (present vs absent, kind, content, mode). */
  public boolean anyChanged(Collection<String> paths) throws IOException, SQLException {
    if (paths.isEmpty()) return false;
    Map<String, IndexEntry> known = entries(paths);
    for (String p : paths) {
      IndexEntry base = known.get(p);
      LocalFile now = FolderScanner.stat(root, p, base);
      if (differs(base, now)) return true;
    }
    return false;
  }

  /** Whether anything in the whole folder differs from the index: one walk, hashing only changed files. */
  public boolean anyChanged(IgnoreRules ignore) throws IOException, SQLException {
    Map<String, IndexEntry> index = entries(null);
    Map<String, LocalFile> local = FolderScanner.scan(root, ignore, index).files();
    Set<String> all = new HashSet<>(index.keySet());
    all.addAll(local.keySet());
    for (String p : all) {
      if (differs(index.get(p), local.get(p))) return true;
    }
    return false;
  }

  /** The folder's change-feed cursor: where its event stream resumes (0: none yet). */
  public long cursor() throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT value FROM folder_meta WHERE folder = ? AND key = 'cursor'")) {
      ps.setString(1, folder);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
      }
    }
  }

  private static boolean differs(IndexEntry base, LocalFile now) {
    boolean baseExists = base != null && !base.deleted();
    if (!baseExists || now == null) return baseExists != (now != null);
    if (base.kind() != now.kind()) return true;
    return base.kind() == EntryKind.FILE && !Objects.equals(base.version(), now.version());
  }

  /** Index entries of these paths ({@code null}: all of the folder). */
  private Map<String, IndexEntry> entries(Collection<String> paths) throws SQLException {
    Map<String, IndexEntry> out = new HashMap<>();
    String sql = "SELECT " + FolderIndex.ENTRY_COLUMNS + " FROM entries WHERE folder = ?"
        + (paths == null ? "" : " AND path = ?");
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, folder);
      if (paths == null) {
        read(ps, out);
      } else {
        for (String p : paths) {
          ps.setString(2, p);
          read(ps, out);
        }
      }
    }
    return out;
  }

  private static void read(PreparedStatement ps, Map<String, IndexEntry> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        IndexEntry e = FolderIndex.entryAt(rs);
        out.put(e.path(), e);
      }
    }
  }
}
