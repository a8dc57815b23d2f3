package dev.ferry.ipc.methods;

/**
 * One folder's sync run as {@code sync} reports it.
 *
 * @param result ok, failed, queued or skipped (see the constants)
 * @param trigger what started the run (manual for {@code ferry sync})
 * @param direction both, upload, download or check
 * @param error the error message when the result is failed, else null
 * @param errorCategory the error's category (NETWORK, AUTH, ...) when failed, else null
 * @param notes what the run left as it was and why: names it skipped, changes waiting for a
 *     person or for the next run (empty when none; null from a daemon older than this field)
 */
public record FolderSyncResult(String folder, String result, String trigger, String direction, int uploaded,
    int downloaded, int deleted, int conflicts, long bytesUp, long bytesDown, long durationMs, String error,
    String errorCategory, java.util.List<String> notes) {
  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String QUEUED = "queued";
  public static final String SKIPPED = "skipped";
}
