package dev.ferry.ipc.methods;

import java.time.Instant;

/**
 * One item of the offline or the failed queue.
 *
 * @param id what {@code queue retry} and {@code queue drop} take
 * @param operation upload or delete
 * @param error why it failed (failed queue only), else null
 */
public record QueueItem(String id, String folder, String path, String operation, int attempts, Instant createdAt,
    String error, String errorCategory) {}
