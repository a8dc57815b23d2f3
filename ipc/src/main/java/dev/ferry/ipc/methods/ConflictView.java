package dev.ferry.ipc.methods;

import java.time.Instant;

/**
 * A conflict waiting for a person: the file at {@code path} and the other version of it, kept
 * beside it at {@code copyPath} (both relative to the folder).
 *
 * @param remoteRev the hub revision involved
 */
public record ConflictView(String folder, String path, String copyPath, Instant createdAt, long remoteRev) {}
