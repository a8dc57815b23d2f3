package dev.ferry.daemon.control;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.ipc.methods.DurationPercentiles;
import dev.ferry.ipc.methods.FolderStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of {@code ferry stats}, computed from the persisted {@code runs},
 * {@code conflicts} and {@code outbox} tables over a set of folders: they survive restarts and agree with
 * {@code ferry history}.
 */
public final class RunStatistics {
  private final StateDb db;

  public RunStatistics(StateDb db) {
    this.db = db;
  }

  /** Counters over the runs of {@code folders}; {@code label} becomes the result's folder field. */
  public FolderStats over(String label, List<String> folders) throws SQLException {
    if (folders.isEmpty()) {
      return new FolderStats(label, 0, Map.of(), new DurationPercentiles(0, 0, 0, 0), 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0);
    }
    String in = " WHERE folder IN (" + String.join(",", Collections.nCopies(folders.size(), "?")) + ")";
    try (Connection c = db.connect()) {
      Map<String, Long> byResult = new TreeMap<>();
      long runs = 0;
      try (ResultSet rs = query(c, "SELECT result, COUNT(*) FROM runs" + in + " GROUP BY result", folders)) {
        while (rs.next()) {
          byResult.put(rs.getString(1), rs.getLong(2));
          runs += rs.getLong(2);
        }
      }
      long[] sums = new long[6];
      try (ResultSet rs = query(c, "SELECT TOTAL(uploaded), TOTAL(downloaded), TOTAL(deleted), TOTAL(bytes_up),"
          + " TOTAL(bytes_down), TOTAL(conflicts) FROM runs" + in, folders)) {
        if (rs.next()) for (int i = 0; i < sums.length; i++) sums[i] = rs.getLong(i + 1);
      }
      Map<String, Long> errors = new TreeMap<>();
      try (ResultSet rs = query(c, "SELECT error_category, COUNT(*) FROM runs" + in
          + " AND error_category IS NOT NULL GROUP BY error_category", folders)) {
        while (rs.next()) errors.merge(categoryName(rs.getString(1)), rs.getLong(2), Long::sum);
      }
      List<Long> durations = new ArrayList<>();
      try (ResultSet rs = query(c, "SELECT duration_ms FROM runs" + in + " ORDER BY duration_ms", folders)) {
        while (rs.next()) durations.add(rs.getLong(1));
      }
      long open;
      try (ResultSet rs = query(c, "SELECT COUNT(*) FROM conflicts" + in, folders)) {
        open = rs.next() ? rs.getLong(1) : 0;
      }
      long pending = 0;
      long failed = 0;
      try (ResultSet rs = query(c, "SELECT status, COUNT(*) FROM outbox" + in + " GROUP BY status", folders)) {
        while (rs.next()) {
          if (QueueEntry.Status.PENDING.wire().equals(rs.getString(1))) pending = rs.getLong(2);
          else if (QueueEntry.Status.FAILED.wire().equals(rs.getString(1))) failed = rs.getLong(2);
        }
      }
      return new FolderStats(label, runs, byResult, percentiles(durations), sums[0], sums[1], sums[2], sums[3], sums[4],
          sums[5], open, errors, pending, failed);
    }
  }

  private static ResultSet query(Connection c, String sql, List<String> folders) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.closeOnCompletion();
    for (int i = 0; i < folders.size(); i++) ps.setString(i + 1, folders.get(i));
    return ps.executeQuery();
  }

  private static String categoryName(String stored) {
    try {
      return ErrorCategory.valueOf(stored).wireName();
    } catch (IllegalArgumentException e) {
      return stored.toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Nearest-rank percentiles of sorted durations. */
  static DurationPercentiles percentiles(List<Long> sorted) {
    if (sorted.isEmpty()) return new DurationPercentiles(0, 0, 0, 0);
    return new DurationPercentiles(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted.get(sorted.size() - 1));
  }

  private static long rank(List<Long> sorted, int p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
  }
}
