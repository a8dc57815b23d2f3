package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.SyncDirection;

/** What one run was asked to do, and by which trigger. */
public record SyncRequest(SyncDirection direction, boolean force, boolean allowMassDelete, String trigger) {
  public static SyncRequest manual(SyncDirection d) { return new SyncRequest(d, false, false, "manual"); }
}
