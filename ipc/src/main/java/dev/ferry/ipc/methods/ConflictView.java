package dev.ferry.ipc.methods;

import java.time.Instant;

/**
 * A conflict waiting for a person. {@code kind} "copy": the file at {@code path} holds the hub's
 * version and the other version is kept beside it at {@code copyPath}; "manual": the file kept
 * its local content and waits for {@code ferry resolve} ({@code copyPath} null). Paths are
 * relative to the folder.
 *
 * @param remoteRev the hub revision involved
 * @param reason why it waits (the strategy's words), or null
 */
public record ConflictView(String folder, String path, String copyPath, Instant createdAt, long remoteRev, String kind,
    String reason) {}
