package dev.ferry.daemon.queue;

/**
 * A difference between a path on disk and its indexed base: what must reach the hub.
 *
 * @param operation upload, mkdir or delete
 * @param localVersion {@link Outbox#stamp} of the local side
 */
public record LocalChange(String path, String operation, long baseRev, String localVersion) {}
