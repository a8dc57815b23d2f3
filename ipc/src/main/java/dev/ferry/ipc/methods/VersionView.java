package dev.ferry.ipc.methods;

import java.time.Instant;

/**
 * One revision of a file on the hub.
 *
 * @param mtime the file's modification time in that revision
 * @param device the id of the device that wrote it
 * @param deviceName that device's name, when the hub still lists it (null for a revoked one)
 * @param hash SHA-256 of its content (null for a deletion or a directory)
 * @param current true for the newest revision whose content the file here has (one at most)
 */
public record VersionView(long rev, boolean deleted, String kind, long size, Instant mtime, String device,
    String deviceName, Instant storedAt, String hash, boolean current) {}
