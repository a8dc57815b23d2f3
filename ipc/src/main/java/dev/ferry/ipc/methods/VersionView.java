package dev.ferry.ipc.methods;

import java.time.Instant;

/**
 * One revision of a file on the hub.
 *
 * @param mtime the file's modification time in that revision
 * @param device the id of the device that wrote it
 * @param hash SHA-256 of its content (null for a deletion or a directory)
 * @param current true when it is the content of the file here now
 */
public record VersionView(long rev, boolean deleted, String kind, long size, Instant mtime, String device,
    Instant storedAt, String hash, boolean current) {}
