package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.Action;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.core.PathState;
import dev.ferry.daemon.core.Reconciler;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.core.WriteOrder;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalChangedException;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The pull phase of a run: reads the hub's change feed from the folder's cursor, decides each
 * changed path with {@link Reconciler}, and applies the outcome here: downloads (in parallel),
 * then deletions, then conflicts. The cursor moves only with the entries it covers, and never
 * past a change that could not be applied.
 */
final class PullPhase extends RunPhase {
  // The run's log lines keep one logger name, whichever phase writes them.
  private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
  private static final int PAGE = 500;
  /**
   * Inline plaintext a pull keeps in memory from reading the feed until the files are written:
   * an eighth of the heap (64 MiB of the launcher's 512), at least 8 MiB. Past it, entries are
   * checked and their content fetched again, one request each, when written. A pull holds the
   * whole feed before it decides (the mass-delete guard needs all of it): a device joining a
   * folder of 6,000 files of 60 KB ran out of heap when it kept them all.
   */
  static final long INLINE_KEPT_MAX = Math.max(8L << 20, Runtime.getRuntime().maxMemory() / 8);
  private long inlineKept;

  PullPhase(Parts parts) {
    super(parts);
  }

  /** Returns true when something was written locally (so the push phase rescans). */
  boolean run(SyncRequest req, Map<String, IndexEntry> index, Map<String, LocalFile> local)
      throws IOException, SQLException {
    long cursor = cx.index().cursor();
    inlineKept = 0;
    Map<String, RemoteEntry> remote = new LinkedHashMap<>();
    Map<String, Long> seqOf = new HashMap<>();
    long last = cursor;
    // The next page is fetched while this one is opened, and a page's entries are opened on the
    // transfer pool: reading the feed of a first sync was a quarter of the download, with no
    // file written meanwhile.
    long fetchStart = System.nanoTime();
    Map<String, IndexEntry> byEntryId = new HashMap<>(index.size() * 2);
    for (IndexEntry ie : index.values()) byEntryId.put(ie.entryId(), ie);
    Future<ChangesPage> next = fetch(cursor);
    ChangesPage page;
    do {
      page = await(next);
      long pageEnd = page.changes().isEmpty() ? last : page.changes().get(page.changes().size() - 1).seq();
      next = page.more() && !page.changes().isEmpty() && pageEnd > last ? fetch(pageEnd) : null;
      try {
        last = absorb(page, last, index, byEntryId, remote, seqOf);
      } catch (IOException | RuntimeException ex) {
        if (next != null) next.cancel(true);
        throw ex;
      }
    } while (next != null);
    MDC.put("fetch_ms", Long.toString((System.nanoTime() - fetchStart) / 1_000_000));

    // Decide, from what the feed brought; paths it did not touch keep their remote = base.
    List<Action> actions = new ArrayList<>();
    Map<String, QueueEntry> failedDownloads = cx.queue().outbox().downloads();
    long failedSeq = Long.MAX_VALUE;
    for (RemoteEntry e : remote.values()) {
      IndexEntry base = index.get(e.path());
      long baseRev = base == null ? 0 : base.rev();
      if (e.rev() == baseRev) continue; // our own write, or already applied
      QueueEntry gate = failedDownloads.get(e.path());
      if (gate != null && gate.baseRev() == e.rev()) {
        // This revision failed here before: it waits for `ferry queue retry` (holding the cursor), or was dropped.
        if (gate.status() == QueueEntry.Status.FAILED) {
          tally.failedItems++;
          failedSeq = Math.min(failedSeq, seqOf.get(e.path()));
        }
        continue;
      }
      LocalFile lf = local.get(e.path());
      Action a = Reconciler.decide(new PathState(e.path(), baseRev, base == null ? null : base.version(),
          lf == null ? null : lf.version(), e.rev(), e.meta().version()), req.direction(), req.force());
      if (a != null) actions.add(a);
    }
    if (req.direction() == SyncDirection.CHECK) {
      for (Action a : actions) {
        if (a instanceof Action.Skip sk && !"converged".equals(sk.reason())) tally.skipped(sk);
      }
      return false;
    }
    guards.guardMassDelete(req, actions, local, true);

    boolean wrote = false;
    Map<String, IndexEntry> upserts = new HashMap<>();
    List<Action> ordered = new ArrayList<>(actions);
    ordered.sort(Comparator.comparing(Action::path)); // parents before children
    boolean downloading = false;
    List<Future<IndexEntry>> files = new ArrayList<>();
    List<String> fileOrder = new ArrayList<>();
    List<Action> deletesAndConflicts = new ArrayList<>();
    for (Action a : ordered) {
      if (a instanceof Action.Download d && d.remote() != null && !d.remote().isDir()) {
        progress.plan(1, Math.max(0, remote.get(a.path()).meta().size()));
      } else if (a instanceof Action.Download || a instanceof Action.KeepBoth) {
        progress.plan(1, 0);
      }
    }
    for (Action a : ordered) {
      RemoteEntry e = remote.get(a.path());
      if (a instanceof Action.Adopt) {
        upserts.put(a.path(), e.indexEntry(local.get(a.path())));
      } else if (a instanceof Action.Skip sk) {
        tally.skipped(sk);
      } else if (a instanceof Action.Download d && d.remote() != null) {
        if (!downloading) { tally.move(FolderState.DOWNLOADING); downloading = true; }
        if (d.remote().isDir()) {
          LocalFile expected = local.get(a.path());
          progress.fileDone();
          try {
            if (expected != null && expected.kind() == EntryKind.FILE) throw new LocalChangedException(a.path());
            upserts.put(a.path(), e.indexEntry(writer.mkdir(a.path())));
            wrote = true;
          } catch (LocalChangedException ex) {
            tally.notes.add(ex.getMessage());
          } catch (IOException ex) {
            failedSeq = Math.min(failedSeq, seqOf.get(a.path()));
            downloadFailed(a.path(), "mkdir-local", e.rev(), ex);
          }
        } else {
          fileOrder.add(a.path());
        }
      } else {
        deletesAndConflicts.add(a);
      }
    }
    // Files are written a directory at a time in turn: writers in one directory queue on its
    // lock (creates and renames), which cost about half the kernel time of a first sync.
    fileOrder = WriteOrder.acrossDirectories(fileOrder);
    for (String path : fileOrder) {
      RemoteEntry e = remote.get(path);
      LocalFile expected = local.get(path);
      files.add(cx.writePool().submit(() -> e.indexEntry(writer.writeFile(e.path(),
          out -> transfer.download(e, out, expected == null ? null : writer.root().resolve(e.path())),
          e.meta().hash(), e.meta().executable(), e.meta().mtime(), expected))));
    }
    IOException firstFailure = null;
    for (int i = 0; i < files.size(); i++) {
      String path = fileOrder.get(i);
      progress.fileDone(); // counted when handled, whatever the outcome
      try {
        upserts.put(path, files.get(i).get());
        tally.downloaded++;
        wrote = true;
      } catch (java.util.concurrent.ExecutionException ex) {
        Throwable c = ex.getCause();
        if (c instanceof LocalChangedException || c instanceof RemoteChangedException) {
          tally.notes.add(c.getMessage());
        } else if (waitsForHub(c)) {
          // The hub is away or struggling: the whole run is retried later, from this change on.
          failedSeq = Math.min(failedSeq, seqOf.get(path));
          if (firstFailure == null) firstFailure = (HubException) c;
          log.warn("download of {} failed: {}", path, c.toString());
        } else {
          // A local fault (full disk, no permission) or a bad entry: the old file stays, the item
          // goes to the failed queue, and the rest of the run goes on.
          failedSeq = Math.min(failedSeq, seqOf.get(path));
          downloadFailed(path, "download", remote.get(path).rev(), c);
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new SyncFailure(ErrorCategory.INTERNAL, "interrupted");
      }
    }
    // Deletions: files first, then directories deepest first; then conflicts.
    deletesAndConflicts.sort(Comparator.comparing((Action a) -> a instanceof Action.KeepBoth ? 1 : 0)
        .thenComparing(Action::path, Comparator.reverseOrder()));
    for (Action a : deletesAndConflicts) {
      progress.fileDone();
      RemoteEntry e = remote.get(a.path());
      LocalFile lf = local.get(a.path());
      try {
        if (a instanceof Action.Download) {
          if (!downloading) { tally.move(FolderState.DOWNLOADING); downloading = true; }
          if (lf == null) {
            upserts.put(a.path(), e.indexEntry(null));
          } else if (lf.kind() == EntryKind.DIR) {
            if (writer.rmdirIfEmpty(a.path())) { upserts.put(a.path(), e.indexEntry(null)); tally.deleted++; }
            else tally.notes.add(a.path() + ": directory kept, it holds files not synced yet");
          } else {
            writer.deleteFile(a.path(), lf);
            upserts.put(a.path(), e.indexEntry(null));
            tally.deleted++;
          }
          wrote = true;
        } else if (a instanceof Action.KeepBoth) {
          if (tally.state() != FolderState.RESOLVING) {
            if (!downloading) { tally.move(FolderState.DOWNLOADING); downloading = true; }
            tally.move(FolderState.RESOLVING);
          }
          ConflictHandler.Outcome o = conflictHandler.resolve(e, index.get(a.path()), lf, req.conflictStrategy(strategy));
          tally.absorb(o);
          if (o.upsert() != null) upserts.put(a.path(), o.upsert());
          wrote = true;
        }
      } catch (LocalChangedException | RemoteChangedException ex) {
        tally.notes.add(ex.getMessage());
      } catch (HubException | SyncFailure ex) {
        failedSeq = Math.min(failedSeq, seqOf.get(a.path()));
        if (firstFailure == null) firstFailure = ex;
      } catch (IOException ex) {
        failedSeq = Math.min(failedSeq, seqOf.get(a.path()));
        downloadFailed(a.path(), a instanceof Action.KeepBoth ? "keep-both" : "delete-local", e.rev(), ex);
      }
    }
    // Invariant 3: the cursor moves only with the entries it covers, and never past a failure.
    long newCursor = failedSeq == Long.MAX_VALUE ? last : failedSeq - 1;
    cx.index().commit(upserts.values(), null, Map.of(FolderIndex.CURSOR, Long.toString(Math.max(cursor, newCursor))));
    Set<String> settled = new HashSet<>(upserts.keySet());
    settled.retainAll(failedDownloads.keySet());
    cx.queue().outbox().downloadSettled(settled);
    if (firstFailure != null) throw firstFailure;
    return wrote;
  }

  /**
   * Opens a page's entries (on the transfer pool, in parallel) and adds them, in feed order, to
   * {@code remote}; returns the page's last seq. An entry at the very revision the index holds
   * for its entry id (this device's own write coming back, or one applied before) is not
   * opened: it could only be skipped once decrypted. After a device uploads 10,000 small files,
   * its next run reads all 10,000 back from the feed; opening them was a third of that reading.
   */
  private long absorb(ChangesPage page, long last, Map<String, IndexEntry> index, Map<String, IndexEntry> byEntryId,
      Map<String, RemoteEntry> remote, Map<String, Long> seqOf) throws IOException {
    List<Future<RemoteEntry>> opened = new ArrayList<>(page.changes().size());
    for (EntryMeta m : page.changes()) {
      IndexEntry known = byEntryId.get(m.entryId());
      opened.add(known != null && known.rev() == m.rev() ? null : cx.transferPool().submit(() -> cx.codec().open(m)));
    }
    for (int i = 0; i < page.changes().size(); i++) {
      EntryMeta m = page.changes().get(i);
      if (m.seq() <= last) throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub change feed went backwards at seq " + m.seq());
      last = m.seq();
      if (opened.get(i) == null) continue; // already at this revision here
      RemoteEntry e = await(opened.get(i));
      IndexEntry base = index.get(e.path());
      if (base != null && e.rev() < base.rev()) {
        throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub offered rev " + e.rev() + " of " + e.path()
            + ", older than rev " + base.rev() + " already seen; refused");
      }
      if (e.inline() != null) {
        if (inlineKept + e.inline().length > INLINE_KEPT_MAX) e = e.withoutInline();
        else inlineKept += e.inline().length;
      }
      RemoteEntry replaced = remote.put(e.path(), e);
      if (replaced != null && replaced.inline() != null) inlineKept -= replaced.inline().length;
      seqOf.put(e.path(), m.seq());
    }
    return last;
  }

  private Future<ChangesPage> fetch(long after) {
    return cx.transferPool().submit(() -> cx.hub().changes(cx.folder(), after, PAGE));
  }

  /** A failure the whole run waits out (the hub away, struggling, or refusing this device), not one item's. */
  private static boolean waitsForHub(Throwable c) {
    return c instanceof HubException he && (he.retryable() || he.category() == ErrorCategory.AUTH);
  }

  /** A remote change that cannot be applied here: the old local file stays, the item waits in the failed queue. */
  private void downloadFailed(String path, String operation, long rev, Throwable c) throws SQLException {
    ErrorCategory cat = SyncFailure.categoryOf(c);
    cx.queue().outbox().downloadFailed(path, operation, rev, cat, SyncFailure.describe(c));
    tally.failedItems++;
    tally.notes.add(path + ": " + cat.wireName() + ": " + SyncFailure.describe(c) + " (in the failed queue; the local file is unchanged)");
    log.warn("cannot apply rev {} of {}: {}", rev, path, c.toString());
  }
}
