package dev.ferry.ipc.methods;

import java.time.Instant;

/**
 * One folder in {@code status}.
 *
 * @param state the state machine state (IDLE, CHECKING, UPLOADING, DOWNLOADING, RESOLVING, QUEUED, COMPLETE, ERROR)
 * @param lastSync when the last run ended, or null if it never ran
 * @param lastResult ok, failed, queued or skipped; null if it never ran
 * @param pending queued local changes not yet on the hub
 * @param failed items in the failed queue
 * @param conflicts conflicts waiting for a person
 * @param lastError the last run's error message, or null
 * @param nextRetry when the daemon tries this folder again by itself (offline probe, backoff), or null
 */
public record FolderStatusView(String id, String path, String state, boolean online, boolean paused, Instant lastSync,
    String lastResult, long pending, long failed, long conflicts, String lastError, Instant nextRetry) {

  /** A folder without a planned retry. */
  public FolderStatusView(String id, String path, String state, boolean online, boolean paused, Instant lastSync,
      String lastResult, long pending, long failed, long conflicts, String lastError) {
    this(id, path, state, online, paused, lastSync, lastResult, pending, failed, conflicts, lastError, null);
  }
}
