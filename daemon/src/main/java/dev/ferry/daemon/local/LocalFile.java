package dev.ferry.daemon.local;

import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.Version;

/**
 * One path found on disk by a scan: its content identity and the stat it was hashed at. The
 * stat is size, mtime and ctime (the inode's change time, which no tool can set back: a content
 * change that keeps size and mtime, as {@code cp -p} or {@code touch -r} leave it, still moves
 * it); 0 where unknown.
 */
public record LocalFile(String path, EntryKind kind, String hash, boolean executable, long size, long mtimeNs, long ctimeNs) {
  /** A directory: it has no content identity and no stat worth keeping. */
  public static LocalFile dir(String path) {
    return new LocalFile(path, EntryKind.DIR, null, false, 0, 0, 0);
  }

  public Version version() {
    return kind == EntryKind.DIR ? Version.dir() : Version.file(hash, executable);
  }
}
