package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.Action;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.Version;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.queue.LocalChange;
import dev.ferry.daemon.queue.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** How the disk differs from the index: the local changes the outbox holds. */
final class IndexDiff {
  private IndexDiff() {}

  /** Every path whose disk side differs from its indexed base: what the outbox must hold. */
  static List<LocalChange> changes(Map<String, IndexEntry> index, Map<String, LocalFile> local) {
    List<LocalChange> out = new ArrayList<>();
    for (String p : paths(index, local)) {
      IndexEntry b = index.get(p);
      LocalFile l = local.get(p);
      Version base = b == null ? null : b.version();
      Version now = l == null ? null : l.version();
      if (Objects.equals(base, now)) continue;
      out.add(new LocalChange(p, operation(now), b == null ? 0 : b.rev(), Outbox.stamp(now)));
    }
    return out;
  }

  /**
   * Files whose content is the indexed one but whose stat moved (a touched mtime, a ctime the
   * index did not know yet): what {@link dev.ferry.daemon.local.FolderIndex#refreshStats} records.
   */
  static List<LocalFile> staleStats(Map<String, IndexEntry> index, Map<String, LocalFile> local) {
    List<LocalFile> out = new ArrayList<>();
    for (LocalFile l : local.values()) {
      IndexEntry b = index.get(l.path());
      if (b == null || b.deleted() || l.kind() != EntryKind.FILE || b.kind() != EntryKind.FILE) continue;
      if (Objects.equals(b.hash(), l.hash()) && !b.sameStat(l.size(), l.mtimeNs(), l.ctimeNs())) out.add(l);
    }
    return out;
  }

  /** Every path known to the index or on disk, sorted. */
  static Set<String> paths(Map<String, IndexEntry> index, Map<String, LocalFile> local) {
    Set<String> s = new TreeSet<>(index.keySet());
    s.addAll(local.keySet());
    return s;
  }

  static LocalChange changeOf(Action.Upload u) {
    return new LocalChange(u.path(), operation(u.local()), u.baseRev(), Outbox.stamp(u.local()));
  }

  private static String operation(Version local) {
    return local == null ? "delete" : local.isDir() ? "mkdir" : "upload";
  }
}
