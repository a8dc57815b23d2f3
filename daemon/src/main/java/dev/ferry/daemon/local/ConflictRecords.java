package dev.ferry.daemon.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The conflicts of a folder that wait for a person, in state.db: conflict copies the daemon
 * made ({@code conflicts}), files kept as they are under the {@code manual} strategy
 * ({@code conflicts_waiting}), and what {@code ferry resolve} asked for, carried out by the next
 * run on the folder's own thread ({@code conflict_decisions}). Works on the connection it is
 * given, so the engine can use its index connection and control handlers a fresh one.
 */
public final class ConflictRecords {
  /** A conflict copy beside {@code path}: the other version, made at {@code createdAt}. */
  public record Copy(String path, String copyPath, Instant createdAt, long remoteRev, long baseRev, String reason) {}

  /** A file that kept its local content and waits: the hub has {@code remoteRev}, both came from {@code baseRev}. */
  public record Waiting(String path, long baseRev, long remoteRev, Instant createdAt, String reason) {}

  /** What {@code ferry resolve --keep} asked for. */
  public enum Keep {
    LOCAL, REMOTE, BOTH;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    /** Parses local|remote|both; empty for anything else. */
    public static Optional<Keep> parse(String s) {
      for (Keep k : values()) if (k.wireName().equals(s)) return Optional.of(k);
      return Optional.empty();
    }
  }

  /** A decision recorded for the next run. */
  public record Decision(String path, Keep keep, Instant requestedAt) {}

  private final Connection c;
  private final String folder;

  public ConflictRecords(Connection c, String folder) {
    this.c = c;
    this.folder = folder;
  }

  public String folder() { return folder; }

  public void addCopy(Copy copy) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO conflicts(folder, path, copy_path, created_at,"
        + " remote_rev, base_rev, reason) VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, folder);
      ps.setString(2, copy.path());
      ps.setString(3, copy.copyPath());
      ps.setLong(4, copy.createdAt().toEpochMilli());
      ps.setLong(5, copy.remoteRev());
      ps.setLong(6, copy.baseRev());
      ps.setString(7, copy.reason());
      ps.executeUpdate();
    }
  }

  /** Every copy conflict of the folder, oldest first. */
  public List<Copy> copies() throws SQLException {
    return queryCopies("SELECT path, copy_path, created_at, remote_rev, base_rev, reason FROM conflicts WHERE folder = ?"
        + " ORDER BY created_at, path, copy_path", null);
  }

  /** The copy conflicts of one file, newest first. */
  public List<Copy> copiesOf(String path) throws SQLException {
    return queryCopies("SELECT path, copy_path, created_at, remote_rev, base_rev, reason FROM conflicts WHERE folder = ?"
        + " AND path = ? ORDER BY created_at DESC, copy_path DESC", path);
  }

  /** The copy conflict whose copy is {@code copyPath}, if any. */
  public Optional<Copy> copyNamed(String copyPath) throws SQLException {
    return copies().stream().filter(x -> x.copyPath().equals(copyPath)).findFirst();
  }

  private List<Copy> queryCopies(String sql, String path) throws SQLException {
    List<Copy> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, folder);
      if (path != null) ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Copy(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4), rs.getLong(5),
              rs.getString(6)));
        }
      }
    }
    return out;
  }

  public void removeCopy(String copyPath) throws SQLException {
    update("DELETE FROM conflicts WHERE folder = ? AND copy_path = ?", copyPath);
  }

  public void removeCopiesOf(String path) throws SQLException {
    update("DELETE FROM conflicts WHERE folder = ? AND path = ?", path);
  }

  /** Records (or refreshes, when the hub moved on again) a manual conflict. */
  public void addWaiting(Waiting w) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO conflicts_waiting(folder, path, base_rev, remote_rev,"
        + " created_at, reason) VALUES (?,?,?,?,?,?) ON CONFLICT(folder, path) DO UPDATE SET remote_rev = excluded.remote_rev,"
        + " reason = excluded.reason")) {
      ps.setString(1, folder);
      ps.setString(2, w.path());
      ps.setLong(3, w.baseRev());
      ps.setLong(4, w.remoteRev());
      ps.setLong(5, w.createdAt().toEpochMilli());
      ps.setString(6, w.reason());
      ps.executeUpdate();
    }
  }

  public List<Waiting> waiting() throws SQLException {
    List<Waiting> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT path, base_rev, remote_rev, created_at, reason FROM conflicts_waiting"
        + " WHERE folder = ? ORDER BY created_at, path")) {
      ps.setString(1, folder);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Waiting(rs.getString(1), rs.getLong(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
        }
      }
    }
    return out;
  }

  public Optional<Waiting> waitingFor(String path) throws SQLException {
    return waiting().stream().filter(w -> w.path().equals(path)).findFirst();
  }

  public void removeWaiting(String path) throws SQLException {
    update("DELETE FROM conflicts_waiting WHERE folder = ? AND path = ?", path);
  }

  public void decide(String path, Keep keep, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO conflict_decisions(folder, path, keep, requested_at)"
        + " VALUES (?,?,?,?)")) {
      ps.setString(1, folder);
      ps.setString(2, path);
      ps.setString(3, keep.wireName());
      ps.setLong(4, at.toEpochMilli());
      ps.executeUpdate();
    }
  }

  public List<Decision> decisions() throws SQLException {
    List<Decision> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT path, keep, requested_at FROM conflict_decisions WHERE folder = ?"
        + " ORDER BY requested_at, path")) {
      ps.setString(1, folder);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Keep k = Keep.parse(rs.getString(2)).orElse(null);
          if (k != null) out.add(new Decision(rs.getString(1), k, Instant.ofEpochMilli(rs.getLong(3))));
        }
      }
    }
    return out;
  }

  public void removeDecision(String path) throws SQLException {
    update("DELETE FROM conflict_decisions WHERE folder = ? AND path = ?", path);
  }

  /** Conflicts waiting for a person: copies plus manual ones. */
  public long count() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM conflicts WHERE folder = ?)"
        + " + (SELECT COUNT(*) FROM conflicts_waiting WHERE folder = ?)")) {
      ps.setString(1, folder);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private void update(String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, folder);
      ps.setString(2, arg);
      ps.executeUpdate();
    }
  }
}
