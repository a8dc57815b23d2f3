package dev.ferry.daemon.queue;

import dev.ferry.daemon.core.ErrorCategory;
import java.time.Instant;

/**
 * One row of the outbox: a local change waiting for the hub (direction {@link Direction#UPLOAD}),
 * or a remote change that could not be applied here ({@link Direction#DOWNLOAD}: failed, dropped, or
 * pending once {@code ferry queue retry} asked for it again).
 *
 * @param baseRev uploads: the revision the change was made on; downloads: the remote revision
 * @param localVersion uploads: the local version the write carries ({@link Outbox#stamp}); null for downloads
 * @param idempotencyKey the key the prepared write is (re)sent with; null until prepared
 * @param writeJson the prepared {@code BatchWrite}, byte for byte what is (re)sent; null until prepared
 * @param afterJson the index entry the path gets once the hub accepted the write
 * @param nextAttemptAt when a retryable failure may be tried again; null: at once
 */
public record QueueEntry(long id, String folder, String path, Direction direction, String operation, Status status,
    long baseRev, String localVersion, String idempotencyKey, String writeJson, String afterJson, int attempts,
    Instant createdAt, Instant nextAttemptAt, String error, ErrorCategory category) {

  /** Which way the change travels. */
  public enum Direction {
    UPLOAD, DOWNLOAD;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }

    static Direction of(String s) { return valueOf(s.toUpperCase(java.util.Locale.ROOT)); }
  }

  /** Which queue the row is in. A dropped row is hidden and only keeps the same change from coming back. */
  public enum Status {
    PENDING, FAILED, DROPPED;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }

    static Status of(String s) { return valueOf(s.toUpperCase(java.util.Locale.ROOT)); }
  }

  /** Whether the row holds a write that can be sent again as it is. */
  public boolean prepared() { return writeJson != null && idempotencyKey != null && afterJson != null; }
}
