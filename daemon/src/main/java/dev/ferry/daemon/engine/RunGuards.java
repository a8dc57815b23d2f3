package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.Action;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that stop a run before it does harm: a missing root or marker (an unmounted disk
 * looks like everything deleted), and a run that would delete most of the folder.
 */
final class RunGuards {
  private static final int MASS_DELETE_MIN = 10;

  private final String folder;
  private final Path root;
  private final FolderIndex index;

  RunGuards(String folder, Path root, FolderIndex index) {
    this.folder = folder;
    this.root = root;
    this.index = index;
  }

  /** Refuses a missing root, or a root that lost its marker; marks a root seen for the first time. */
  void checkRoot() throws IOException, SQLException {
    if (Files.isSymbolicLink(root)) {
      // Only a link whose target was missing when the folder was set up gets here (Folders
      // gives the graph the target of one that resolves).
      if (Files.isDirectory(root)) {
        throw new SyncFailure(ErrorCategory.DISK, "folder root " + root + " is a symlink whose directory appeared after the "
            + "daemon set the folder up; run ferry config reload (or restart the daemon) to sync it");
      }
      throw new SyncFailure(ErrorCategory.DISK, "folder root " + root + " is a symlink to " + Files.readSymbolicLink(root)
          + ", which is missing (unmounted disk?); not syncing it, so nothing is propagated as deleted");
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new SyncFailure(ErrorCategory.DISK, "folder root " + root + " is missing (unmounted disk?); not syncing it, "
          + "so nothing is propagated as deleted");
    }
    Path marker = root.resolve(FolderScanner.MARKER);
    if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
      if (!index.load().isEmpty()) {
        throw new SyncFailure(ErrorCategory.DISK, "folder " + root + " lost its " + FolderScanner.MARKER
            + " marker (unmounted or replaced?); not syncing it. Recreate the marker to resume.");
      }
      Files.writeString(marker, "ferry folder " + folder + "\n");
    }
  }

  /**
   * Stops the run when its actions would delete more than half of the files (and more than a
   * few): here ({@code remoteSide}, deletions pulled from the hub) or on every device (pushed).
   * {@code files}: the files there were before; {@code local}: the scan the deletions apply to;
   * {@code arrived}: the content hashes of files this run brings to new paths. A deleted file
   * whose content arrives at a new path was moved, not lost: renaming a directory that holds
   * most of the folder is no mass delete.
   */
  void guardMassDelete(SyncRequest req, List<? extends Action> actions, Map<String, LocalFile> local,
      Map<String, IndexEntry> index, long files, boolean remoteSide, Collection<String> arrived) throws SyncFailure {
    if (req.allowMassDelete()) return;
    // Files only, on both sides: removing an empty chain of fifteen directories deletes no file.
    List<String> deleted = new ArrayList<>();
    if (remoteSide) {
      for (Action a : actions) {
        LocalFile lf = local.get(a.path());
        if (a instanceof Action.Download d && d.remote() == null && lf != null && lf.kind() == EntryKind.FILE) deleted.add(lf.hash());
      }
    } else {
      for (Action a : actions) {
        IndexEntry base = index.get(a.path());
        if (a instanceof Action.Upload u && u.local() == null && (base == null || base.kind() == EntryKind.FILE)) {
          deleted.add(base == null ? null : base.hash());
        }
      }
      files += deleted.size(); // the files that were there before the deletion
    }
    long deletes = notMoved(deleted, arrived);
    if (deletes > MASS_DELETE_MIN && deletes * 2 > files) {
      throw new SyncFailure(ErrorCategory.CONFLICT, "this run would delete " + deletes + " of " + files + " files "
          + (remoteSide ? "here (deleted on another device)" : "on every device")
          + "; stopped. If that is intended: ferry sync " + folder + " --allow-mass-delete");
    }
  }

  /** How many of {@code deleted} (content hashes) are not matched, one for one, by a hash in {@code arrived}. */
  static long notMoved(List<String> deleted, Collection<String> arrived) {
    Map<String, Integer> left = new HashMap<>();
    for (String h : arrived) if (h != null) left.merge(h, 1, Integer::sum);
    long n = 0;
    for (String h : deleted) {
      if (h != null && left.getOrDefault(h, 0) > 0) left.merge(h, -1, Integer::sum);
      else n++;
    }
    return n;
  }

  /** The files (not directories) of a scan. */
  static long files(Map<String, LocalFile> local) {
    return local.values().stream().filter(f -> f.kind() == EntryKind.FILE).count();
  }
}
