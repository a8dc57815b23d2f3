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
   * {@code files}: the files there were before; {@code local}: the scan the deletions apply to.
   */
  void guardMassDelete(SyncRequest req, List<? extends Action> actions, Map<String, LocalFile> local,
      Map<String, IndexEntry> index, long files, boolean remoteSide) throws SyncFailure {
    if (req.allowMassDelete()) return;
    long deletes;
    // Files only, on both sides: removing an empty chain of fifteen directories deletes no file.
    if (remoteSide) {
      deletes = actions.stream().filter(a -> a instanceof Action.Download d && d.remote() == null)
          .filter(a -> local.get(a.path()) != null && local.get(a.path()).kind() == EntryKind.FILE).count();
    } else {
      deletes = actions.stream().filter(a -> a instanceof Action.Upload u && u.local() == null)
          .filter(a -> index.get(a.path()) == null || index.get(a.path()).kind() == EntryKind.FILE).count();
      files += deletes; // the files that were there before the deletion
    }
    if (deletes > MASS_DELETE_MIN && deletes * 2 > files) {
      throw new SyncFailure(ErrorCategory.CONFLICT, "this run would delete " + deletes + " of " + files + " files "
          + (remoteSide ? "here (deleted on another device)" : "on every device")
          + "; stopped. If that is intended: ferry sync " + folder + " --allow-mass-delete");
    }
  }

  /** The files (not directories) of a scan. */
  static long files(Map<String, LocalFile> local) {
    return local.values().stream().filter(f -> f.kind() == EntryKind.FILE).count();
  }
}
