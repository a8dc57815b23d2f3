package dev.ferry.daemon.local;

import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.Version;

/** One path found on disk by a scan: its content identity and the stat it was hashed at. */
public record LocalFile(String path, EntryKind kind, String hash, boolean executable, long size, long mtimeNs) {
  public Version version() {
    return kind == EntryKind.DIR ? Version.dir() : Version.file(hash, executable);
  }
}
