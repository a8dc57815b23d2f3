package dev.ferry.ipc.methods;

/**
 * {@code ferry sync}'s request.
 *
 * @param folder the folder id, or null for every folder
 * @param direction both, upload, download or check; null means both
 * @param force on upload local wins every conflict, on download remote wins
 * @param noWait answer once the run is queued instead of when it ends
 * @param allowMassDelete let a run delete more than half of a folder's files
 * @param trigger what the run records as its cause: {@code manual} (null means manual) or
 *     {@code pre-operation} ({@code ferry run}); both start at once, never throttled
 */
public record SyncParams(String folder, String direction, boolean force, boolean noWait, boolean allowMassDelete,
    String trigger) {
  public static final String MANUAL = "manual";
  public static final String PRE_OPERATION = "pre-operation";

  /** A manual sync ({@code ferry sync}). */
  public SyncParams(String folder, String direction, boolean force, boolean noWait, boolean allowMassDelete) {
    this(folder, direction, force, noWait, allowMassDelete, null);
  }

  public static final String BOTH = "both";
  public static final String UPLOAD = "upload";
  public static final String DOWNLOAD = "download";
  public static final String CHECK = "check";

  /** The trigger with the default applied. */
  public String triggerOrDefault() {
    return trigger == null ? MANUAL : trigger;
  }

  /** The direction with the default applied. */
  public String directionOrDefault() {
    return direction == null ? BOTH : direction;
  }
}
