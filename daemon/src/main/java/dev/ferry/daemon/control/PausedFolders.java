package dev.ferry.daemon.control;

import dev.ferry.daemon.local.StateDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Which folders {@code ferry pause} stopped. Kept in {@code state.db} (the folder's
 * {@code folder_meta} row {@code paused}) so a pause outlives a daemon restart; read from memory
 * on every sync request. A paused folder's runner starts no run; nothing queued is lost, and
 * {@code resume} starts one run that picks up whatever changed meanwhile.
 */
@Singleton
public final class PausedFolders {
  static final String META_KEY = "paused";

  private final StateDb db;
  private final Set<String> paused = ConcurrentHashMap.newKeySet();

  @Inject
  public PausedFolders(StateDb db) {
    this.db = db;
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT folder FROM folder_meta WHERE key = ? AND value = 'true'")) {
      ps.setString(1, META_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) paused.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read paused folders from state.db: " + e.getMessage(), e);
    }
  }

  public boolean isPaused(String folder) {
    return paused.contains(folder);
  }

  /**
   * Forgets a removed folder's pause in memory; {@code ferry folder remove} deletes the row with
   * the rest of the folder's state, so a folder added again later starts unpaused.
   */
  public void forget(String folder) {
    paused.remove(folder);
  }

  /** Pauses {@code folder}; false if it already was. */
  public synchronized boolean pause(String folder) throws SQLException {
    if (paused.contains(folder)) return false;
    write(folder, true);
    paused.add(folder);
    return true;
  }

  /** Resumes {@code folder}; false if it was not paused. */
  public synchronized boolean resume(String folder) throws SQLException {
    if (!paused.contains(folder)) return false;
    write(folder, false);
    paused.remove(folder);
    return true;
  }

  private void write(String folder, boolean value) throws SQLException {
    try (Connection c = db.connect()) {
      if (value) {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO folder_meta(folder, key, value) VALUES (?,?,'true')")) {
          ps.setString(1, folder);
          ps.setString(2, META_KEY);
          ps.executeUpdate();
        }
      } else {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM folder_meta WHERE folder = ? AND key = ?")) {
          ps.setString(1, folder);
          ps.setString(2, META_KEY);
          ps.executeUpdate();
        }
      }
    }
  }
}
