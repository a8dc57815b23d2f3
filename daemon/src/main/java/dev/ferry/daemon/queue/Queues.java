package dev.ferry.daemon.queue;

import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.queue.QueueEntry.Direction;
import dev.ferry.daemon.queue.QueueEntry.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every folder's outbox as the control verbs see it: listing, retrying and dropping items by id.
 * Works on its own connection beside the folders' runs (WAL); each change is one statement.
 */
public final class Queues implements AutoCloseable {
  private final Connection conn;

  public Queues(StateDb db) throws SQLException {
    this.conn = db.connect();
  }

  /** Pending and failed rows of these folders, oldest first (dropped ones are not shown). */
  public synchronized List<QueueEntry> list(Collection<String> folders) throws SQLException {
    List<QueueEntry> out = new ArrayList<>();
    for (String f : folders) {
      try (PreparedStatement ps = conn.prepareStatement("SELECT " + Outbox.columns()
          + " FROM outbox WHERE folder = ? AND status IN ('pending', 'failed') ORDER BY id")) {
        ps.setString(1, f);
        out.addAll(Outbox.read(ps));
      }
    }
    return out;
  }

  /** How many items of {@code folder} are in the queue with this status. */
  public synchronized long count(String folder, Status status) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM outbox WHERE folder = ? AND status = ?")) {
      ps.setString(1, folder);
      ps.setString(2, status.wire());
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  public synchronized Optional<QueueEntry> find(long id) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT " + Outbox.columns() + " FROM outbox WHERE id = ?")) {
      ps.setLong(1, id);
      return Outbox.read(ps).stream().findFirst();
    }
  }

  /**
   * Puts an item back to be tried at the next run, its attempts counted from zero, under the same
   * id (a script can retry one id until the cause is fixed). An upload keeps its prepared write
   * and key (a retry never makes a second revision); a failed download goes pending, so the next
   * pull fetches that revision again (the folder's cursor waited for it), and leaves the queue
   * once it is written. Returns false when there is no pending or failed item with that id.
   */
  public synchronized boolean retry(QueueEntry e) throws SQLException {
    if (e.status() == Status.DROPPED) return false;
    try (PreparedStatement ps = conn.prepareStatement("UPDATE outbox SET status = 'pending', attempts = 0,"
        + " next_attempt_at = NULL, error = NULL, error_category = NULL WHERE id = ?")) {
      ps.setLong(1, e.id());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Gives up on an item. Nothing on disk is touched: a dropped upload leaves the local file as it
   * is and is not sent again until the file changes again; a dropped download leaves the local
   * file at its old content and lets the folder move past that revision.
   */
  public synchronized boolean drop(QueueEntry e) throws SQLException {
    if (e.status() == Status.DROPPED) return false;
    try (PreparedStatement ps = conn.prepareStatement(
        "UPDATE outbox SET status = 'dropped', next_attempt_at = NULL WHERE id = ?")) {
      ps.setLong(1, e.id());
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    conn.close();
  }
}
