package dev.ferry.daemon.engine;

import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.queue.FolderQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A paused folder's local changes, recorded in its outbox as a run's start would record them, so
 * that {@code ferry status} and {@code ferry queue} show what waits for {@code ferry resume};
 * nothing is sent or written.
 */
public final class PausedChanges {
  private PausedChanges() {}

  public static void record(Path root, List<String> ignore, FolderIndex index, FolderQueue queue, ExecutorService pool)
      throws IOException, SQLException {
    // A vanished root or marker records nothing: an empty mount point is no deletion (a run refuses
    // it too). Nor does a root still a link (its target was missing at set-up; runs refuse it).
    if (Files.isSymbolicLink(root) || FolderScanner.rootOrMarkerGone(root)) return;
    Map<String, IndexEntry> base = index.load();
    FolderScanner.Scan scan = FolderScanner.scan(root, IgnoreRules.load(root, ignore), base, pool);
    queue.outbox().record(IndexDiff.changes(base, scan.files()));
  }
}
