package dev.ferry.daemon.engine;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.core.SyncDirection;

/** What one run was asked to do, and by which trigger. */
public record SyncRequest(SyncDirection direction, boolean force, boolean allowMassDelete, String trigger) {
  public static SyncRequest manual(SyncDirection d) { return new SyncRequest(d, false, false, "manual"); }

  /** The strategy for this run's conflicts, given the folder's: --force on download makes the hub's side win, on upload ours. */
  ConflictStrategy conflictStrategy(ConflictStrategy folders) {
    if (force && direction == SyncDirection.DOWNLOAD) return ConflictStrategy.REMOTE_WINS;
    if (force && direction == SyncDirection.UPLOAD) return ConflictStrategy.LOCAL_WINS;
    return folders;
  }
}
