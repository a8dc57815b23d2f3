package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.local.StateDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code runs} table: every finished run, for status, history and stats. */
public final class RunHistory {
  private final StateDb db;

  public RunHistory(StateDb db) {
    this.db = db;
  }

  public void record(RunReport r) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("INSERT INTO runs(folder, trigger, direction, started_at, duration_ms, result,"
            + " uploaded, downloaded, deleted, conflicts, bytes_up, bytes_down, error, error_category)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, r.folder());
      ps.setString(2, r.trigger());
      ps.setString(3, r.direction());
      ps.setLong(4, r.startedAt().toEpochMilli());
      ps.setLong(5, r.durationMs());
      ps.setString(6, r.result());
      ps.setInt(7, r.uploaded());
      ps.setInt(8, r.downloaded());
      ps.setInt(9, r.deleted());
      ps.setInt(10, r.conflicts());
      ps.setLong(11, r.bytesUp());
      ps.setLong(12, r.bytesDown());
      ps.setString(13, r.error());
      ps.setString(14, r.errorCategory() == null ? null : r.errorCategory().name());
      ps.executeUpdate();
    }
  }

  public List<RunReport> recent(String folderOrNull, int limit) throws SQLException {
    List<RunReport> out = new ArrayList<>();
    String sql = "SELECT folder, trigger, direction, started_at, duration_ms, result, uploaded, downloaded, deleted, conflicts,"
        + " bytes_up, bytes_down, error, error_category FROM runs" + (folderOrNull == null ? "" : " WHERE folder = ?")
        + " ORDER BY id DESC LIMIT ?";
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (folderOrNull != null) ps.setString(i++, folderOrNull);
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String cat = rs.getString(14);
          out.add(new RunReport(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
              rs.getLong(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getLong(11),
              rs.getLong(12), 0, List.of(), rs.getString(13), cat == null ? null : ErrorCategory.valueOf(cat)));
        }
      }
    }
    return out;
  }

  public Optional<RunReport> last(String folder) throws SQLException {
    return recent(folder, 1).stream().findFirst();
  }

  public long openConflicts(String folder) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM conflicts WHERE folder = ?")) {
      ps.setString(1, folder);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
