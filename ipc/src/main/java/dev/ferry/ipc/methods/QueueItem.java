package dev.ferry.ipc.methods;

import java.time.Instant;

/**
 * One item of the offline or the failed queue.
 *
 * @param id what {@code queue retry} and {@code queue drop} take
 * @param operation {@code upload}, {@code mkdir}, {@code delete}: a local change on its way to the hub;
 *     {@code download}, {@code mkdir-local}, {@code delete-local}, {@code keep-both}: a change from the hub
 *     that could not be applied here (failed queue only)
 * @param error why it failed (failed queue, or the last refusal of a pending item), else null
 * @param nextAttemptAt when a pending item that the hub refused is tried again; null: at the next run
 */
public record QueueItem(String id, String folder, String path, String operation, int attempts, Instant createdAt,
    String error, String errorCategory, Instant nextAttemptAt) {

  /** An item without a planned retry time. */
  public QueueItem(String id, String folder, String path, String operation, int attempts, Instant createdAt,
      String error, String errorCategory) {
    this(id, folder, path, operation, attempts, createdAt, error, errorCategory, null);
  }
}
