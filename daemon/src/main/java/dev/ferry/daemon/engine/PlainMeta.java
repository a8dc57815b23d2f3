package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.Version;
import java.util.Map;

/**
 * The metadata of a revision before encryption. The hub stores it sealed, bound to folder,
 * entry id and rev (AAD), so it can neither read nor move it. {@code mtime} is in epoch ms,
 * {@code size} and {@code hash} describe the plaintext; {@code vv} is the version vector.
 */
public record PlainMeta(
    int v,
    String path,
    String kind,
    boolean deleted,
    boolean executable,
    long mtime,
    long size,
    String hash,
    Map<String, Long> vv,
    String device) {

  public static final int VERSION = 1;

  public EntryKind entryKind() {
    return "dir".equals(kind) ? EntryKind.DIR : EntryKind.FILE;
  }

  /** The content identity for reconcile; null for a tombstone. */
  public Version version() {
    if (deleted) return null;
    return entryKind() == EntryKind.DIR ? Version.dir() : Version.file(hash, executable);
  }

  public static String kindName(EntryKind k) {
    return k == EntryKind.DIR ? "dir" : "file";
  }
}
