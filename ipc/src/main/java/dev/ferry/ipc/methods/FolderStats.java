package dev.ferry.ipc.methods;

import java.util.Map;

/**
 * Counters over every recorded run of a folder (or of all folders, with {@code folder} null),
 * computed from the daemon's run history, so they survive restarts.
 *
 * @param runs how many runs were recorded
 * @param runsByResult runs per result (ok, attention, failed, skipped)
 * @param conflicts conflicts the runs created
 * @param openConflicts conflicts still waiting for a person
 * @param errorsByCategory failed runs per error category (network, auth, ...)
 * @param queuePending local changes waiting for the hub
 * @param queueFailed items in the failed queue
 */
public record FolderStats(String folder, long runs, Map<String, Long> runsByResult, DurationPercentiles durationMs,
    long uploaded, long downloaded, long deleted, long bytesUp, long bytesDown, long conflicts, long openConflicts,
    Map<String, Long> errorsByCategory, long queuePending, long queueFailed) {
  public FolderStats {
    runsByResult = runsByResult == null ? Map.of() : Map.copyOf(runsByResult);
    errorsByCategory = errorsByCategory == null ? Map.of() : Map.copyOf(errorsByCategory);
  }
}
