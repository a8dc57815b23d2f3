package dev.ferry.daemon.local;

import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.Version;

/**
 * What this device last synced for one path: the hub rev it matches, the content identity, and
 * the local stat at that moment (size, mtime, ctime; see {@link LocalFile}) so an unchanged file
 * need not be re-hashed.
 * {@code deleted} entries are kept as the base of a tombstone.
 */
public record IndexEntry(
    String path,
    String entryId,
    EntryKind kind,
    long rev,
    String hash,
    boolean executable,
    boolean deleted,
    long size,
    long mtimeNs,
    long ctimeNs,
    String versionVector) {

  /** Whether a file on disk with this stat is still what this entry recorded: then its hash stands. */
  public boolean sameStat(long size, long mtimeNs, long ctimeNs) {
    return !deleted && kind == EntryKind.FILE && hash != null
        && this.size == size && this.mtimeNs == mtimeNs && this.ctimeNs == ctimeNs;
  }

  /** The base version for reconcile; null for a tombstone. */
  public Version version() {
    if (deleted) return null;
    return kind == EntryKind.DIR ? Version.dir() : Version.file(hash, executable);
  }
}
