package dev.ferry.daemon.core;

/**
 * The content-identity of one side of a path: what it is, the SHA-256 of its bytes (files),
 * its executable bit. Two sides with equal versions need no transfer whatever their revs.
 * {@code null} stands for "absent" (never existed or deleted).
 */
public record Version(EntryKind kind, String hash, boolean executable) {
  public static Version file(String hash, boolean executable) { return new Version(EntryKind.FILE, hash, executable); }

  public static Version dir() { return new Version(EntryKind.DIR, null, false); }

  public boolean isDir() { return kind == EntryKind.DIR; }
}
