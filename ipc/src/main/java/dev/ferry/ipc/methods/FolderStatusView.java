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
 * @param errorCategory the last run's error category (network, auth, disk, ...), or null
 * @param needsAttention the last run failed with an error retrying cannot cure (auth, permission,
 *     invalid data, disk, internal: a folder root gone, a revoked device): a person must look
 * @param remoteWaiting the hub's event stream announced changes by other devices that no run has
 *     pulled yet ({@code [triggers.realtime] auto_apply = false}): {@code ferry sync} applies them
 */
public record FolderStatusView(String id, String path, String state, boolean online, boolean paused, Instant lastSync,
    String lastResult, long pending, long failed, long conflicts, String lastError, Instant nextRetry, String errorCategory,
    boolean needsAttention, boolean remoteWaiting) {
  /** The category of a hub that refused this device's token (revoked): nothing syncs until {@code ferry login}. */
  public static final String AUTH = "auth";

  /** A folder without a planned retry or an error category. */
  public FolderStatusView(String id, String path, String state, boolean online, boolean paused, Instant lastSync,
      String lastResult, long pending, long failed, long conflicts, String lastError) {
    this(id, path, state, online, paused, lastSync, lastResult, pending, failed, conflicts, lastError, null, null, false, false);
  }

  /** Whether the last run failed because the hub no longer accepts this device. */
  public boolean needsLogin() { return "failed".equals(lastResult) && AUTH.equals(errorCategory); }
}
