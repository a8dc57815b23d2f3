package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.Action;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.core.PathState;
import dev.ferry.daemon.core.Reconciler;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.core.Version;
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
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The pull phase of a run: reads the hub's change feed from the folder's cursor a page at a time,
 * decides each changed path with {@link Reconciler}, and writes a page's files while the next
 * page is fetched and opened. Deletions and conflicts wait until the whole feed is read: the
 * mass-delete guard counts every deletion first. Each page's outcomes go into the index with the
 * cursor they allow, which moves only with the entries it covers, never past a change that could
 * not be applied, nor past one still waiting (invariant 3).
 */
final class PullPhase extends RunPhase {
  // The run's log lines keep one logger name, whichever phase writes them.
  private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
  private static final int PAGE = 500;
  /**
   * Files are handed to the writers a window at a time, a window being the pages decided since
   * the last one, up to this many files or {@link #WINDOW_INLINE} of inline content. Within a
   * window the writes go a directory at a time in turn, and a feed lists a directory's files
   * together: windows of one page (500 files, 5 directories of the 100,000 of a test folder)
   * kept the sixteen writers queueing on a few directory locks, and a join took 69 s instead
   * of 45.
   */
  private static final int WINDOW_FILES = 2_000;
  static final long WINDOW_INLINE = Math.min(8L << 20, Runtime.getRuntime().maxMemory() / 32);
  /**
   * Windows in the writers' hands at once: the next one's writes start before the last of this
   * one's end, and what a pull holds stays a few windows whatever the size of the feed. A pull
   * that read the whole feed before writing anything held all of it: a device joining a folder
   * of 6,000 files of 60 KB ran out of heap.
   */
  private static final int WINDOWS_WRITING = 2;
  /**
   * Inline plaintext kept for the deletions' and conflicts' entries, which wait for the end of
   * the feed: an eighth of the heap (64 MiB of the launcher's 512), at least 8 MiB. Past it, an
   * entry's content is fetched again, that very revision, when it is applied.
   */
  static final long INLINE_KEPT_MAX = Math.max(8L << 20, Runtime.getRuntime().maxMemory() / 8);
  /**
   * Index meta, "CURSOR:FILES": the files there were before the feed from CURSOR on was first
   * applied, kept when the mass-delete guard stopped a run there. The files written before the
   * guard spoke must not make the deletions look small to the next run.
   */
  static final String MASS_DELETE_BASE = "mass_delete_base";

  PullPhase(Parts parts) {
    super(parts);
  }

  /**
   * Returns true when something was written locally (so the push phase rescans). {@code from}:
   * the seq the feed is read after ({@link IgnoreChange#pullFrom}).
   */
  boolean run(SyncRequest req, Map<String, IndexEntry> index, Map<String, LocalFile> local, long from)
      throws IOException, SQLException {
    return new Pull(req, index, local, from).run();
  }

  /** An opened entry of the feed and its seq. */
  private record Change(RemoteEntry entry, long seq) {}

  /** A file handed to the writers. */
  private static final class Write {
    final Change change;
    final LocalFile expected;
    Future<LocalFile> file;
    boolean settled;

    Write(Change change, LocalFile expected) {
      this.change = change;
      this.expected = expected;
    }

    String path() { return change.entry().path(); }
  }

  /**
   * The writes of one page. A page joins a window only once every entry of it was decided, so a
   * settled window's pages all let the cursor pass their end.
   */
  private static final class PageWrites {
    final long endSeq;
    final List<Write> writes = new ArrayList<>();

    PageWrites(long endSeq) { this.endSeq = endSeq; }
  }

  /** One pull: the feed read so far, what was applied, what waits. */
  private final class Pull {
    private final SyncRequest req;
    /** The index as loaded and the tree as scanned at the start of the run. */
    private final Map<String, IndexEntry> index;
    private final Map<String, LocalFile> local;
    private final Map<String, IndexEntry> byEntryId;
    private final Map<String, QueueEntry> failedDownloads;
    private final long startCursor;
    /** What this run applied and wrote so far: later pages decide against it. */
    private final Map<String, IndexEntry> applied = new HashMap<>();
    private final Map<String, LocalFile> written = new HashMap<>();
    private final List<IndexEntry> uncommitted = new ArrayList<>();
    /** Deletions and conflicts, applied when the whole feed is read; a later revision of the path replaces one. */
    private final Map<String, Change> deferred = new LinkedHashMap<>();
    private final Map<String, Action> deferredActions = new HashMap<>();
    private long deferredFrom = Long.MAX_VALUE;
    /** Set when the mass-delete guard stopped this run: recorded with the cursor it held. */
    private long massDeleteFiles = -1;
    private long inlineKept;
    /** Windows handed to the writers, oldest first; the pages decided since, not handed out yet. */
    private final ArrayDeque<List<PageWrites>> windows = new ArrayDeque<>();
    private List<PageWrites> current = new ArrayList<>();
    private long toSubmitInline;
    private final Map<String, Write> inFlight = new HashMap<>();
    /** The files decided and not handed out yet: handed to the writers together (spread across directories) with their window. */
    private final Map<String, Write> toSubmit = new LinkedHashMap<>();
    /** In a check run: what would be done, by path (a later revision replaces an earlier one). */
    private final Map<String, Action> checked = new LinkedHashMap<>();
    private long settledThrough;
    private long committedCursor;
    private long failedSeq = Long.MAX_VALUE;
    /** Changes to paths this device ignores: left on the hub, counted in one note. */
    private int ignoredRemote;
    /** Bytes the folder's disk has free for downloads the full disk failed; -1 until looked at. */
    private long room = -1;
    private IOException firstFailure;
    private boolean wrote;
    private boolean downloading;
    /**
     * Paths with no record here, by the earlier hub revision their content is (0: none is): a
     * first sync, or a state.db that was lost, decides them against that revision.
     */
    private final Map<String, Long> recoveredBases = new HashMap<>();
    private FolderHistory history;

    Pull(SyncRequest req, Map<String, IndexEntry> index, Map<String, LocalFile> local, long from) throws SQLException {
      this.req = req;
      this.index = index;
      this.local = local;
      this.byEntryId = new HashMap<>(index.size() * 2);
      for (IndexEntry ie : index.values()) byEntryId.put(ie.entryId(), ie);
      this.failedDownloads = cx.queue().outbox().downloads();
      this.startCursor = from;
      this.settledThrough = startCursor;
      this.committedCursor = startCursor;
      if (startCursor == 0 && index.isEmpty() && !local.isEmpty()) {
        log.info("no record of this folder here yet (a first sync, or state.db was lost): its {} local entries are compared"
            + " with the hub's; one that holds an earlier revision there takes the hub's newer one", local.size());
      }
    }

    boolean run() throws IOException, SQLException {
      long fetchNanos = 0;
      long last = startCursor;
      // The next page is fetched while this one is opened and written, and a page's entries are
      // opened on the transfer pool: reading the feed of a first sync was a quarter of the
      // download when no file was written meanwhile.
      Future<ChangesPage> next = fetch(startCursor);
      try {
        while (next != null) {
          long t = System.nanoTime();
          ChangesPage page = await(next);
          long pageEnd = page.changes().isEmpty() ? last : page.changes().get(page.changes().size() - 1).seq();
          next = page.more() && !page.changes().isEmpty() && pageEnd > last ? fetch(pageEnd) : null;
          List<Change> changes = open(page, last);
          fetchNanos += System.nanoTime() - t;
          last = pageEnd;
          if (req.direction() == SyncDirection.CHECK) {
            for (Change c : changes) check(c);
            continue;
          }
          PageWrites pw = new PageWrites(pageEnd);
          current.add(pw);
          for (Change c : changes) dispatch(c, pw);
          if (next == null || toSubmit.size() >= WINDOW_FILES || toSubmitInline >= WINDOW_INLINE) submitWindow();
          if (firstFailure != null) break; // the hub is away: the rest waits for the next run
        }
      } catch (IOException | SQLException | RuntimeException ex) {
        if (next != null) next.cancel(true);
        try {
          finish(false);
        } catch (IOException | SQLException | RuntimeException more) {
          ex.addSuppressed(more);
        }
        throw ex;
      } finally {
        MDC.put("fetch_ms", Long.toString(fetchNanos / 1_000_000));
        long staleHere = recoveredBases.values().stream().filter(rev -> rev > 0).count();
        if (staleHere > 0) {
          tally.notes.add(staleHere + " path" + (staleHere == 1 ? "" : "s") + " with no record here held an earlier revision"
              + " of the hub's and took its newer one (a first sync, or state.db was lost)");
        }
        if (ignoredRemote > 0) {
          tally.notes.add(ignoredRemote + " change" + (ignoredRemote == 1 ? "" : "s")
              + " from the hub to paths ignored here not applied (ignore rules)");
        }
      }
      if (req.direction() == SyncDirection.CHECK) {
        for (Action a : checked.values()) {
          if (a instanceof Action.Skip sk && !"converged".equals(sk.reason())) tally.skipped(sk);
        }
        return false;
      }
      boolean wholeFeed = next == null;
      if (next != null) next.cancel(true);
      finish(wholeFeed);
      if (firstFailure != null) throw firstFailure;
      return wrote;
    }

    /**
     * Waits for every write handed out, then (when the whole feed was read) applies the
     * deletions and conflicts; records what was applied, whatever happens on the way.
     */
    private void finish(boolean wholeFeed) throws IOException, SQLException {
      try {
        while (!windows.isEmpty()) settle(windows.removeFirst());
        // Pages decided but not handed out as a window (the run stopped): the writes already
        // started are waited for and recorded, the rest is left, and the cursor stays before them.
        for (PageWrites pw : current) for (Write w : pw.writes) settle(w);
        if (wholeFeed) applyDeferred();
      } finally {
        commit();
        Set<String> settled = new HashSet<>(applied.keySet());
        settled.retainAll(failedDownloads.keySet());
        cx.queue().outbox().downloadSettled(settled);
      }
    }

    /**
     * Opens a page's entries (on the transfer pool, in parallel), in feed order. An entry at the
     * very revision the index holds for its entry id (this device's own write coming back, or
     * one applied before) is not opened: it could only be skipped once decrypted. After a device
     * uploads 10,000 small files, its next run reads all 10,000 back from the feed; opening them
     * was a third of that reading.
     */
    private List<Change> open(ChangesPage page, long last) throws IOException {
      List<Future<RemoteEntry>> opened = new ArrayList<>(page.changes().size());
      for (EntryMeta m : page.changes()) {
        IndexEntry known = byEntryId.get(m.entryId());
        opened.add(known != null && known.rev() == m.rev() ? null : cx.transferPool().submit(() -> cx.codec().open(m)));
      }
      List<Change> changes = new ArrayList<>(page.changes().size());
      try {
        for (int i = 0; i < page.changes().size(); i++) {
          EntryMeta m = page.changes().get(i);
          if (m.seq() <= last) throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub change feed went backwards at seq " + m.seq());
          last = m.seq();
          if (opened.get(i) != null) changes.add(new Change(await(opened.get(i)), m.seq()));
        }
      } catch (IOException | RuntimeException ex) {
        for (Future<RemoteEntry> f : opened) if (f != null) f.cancel(true);
        throw ex;
      }
      return changes;
    }

    /** The base a change is decided against: what this run applied to the path, else the index. */
    private IndexEntry baseOf(String path) {
      IndexEntry ie = applied.get(path);
      return ie != null ? ie : index.get(path);
    }

    private LocalFile localOf(String path) {
      LocalFile lf = written.get(path);
      return lf != null ? lf : local.get(path);
    }

    /** Decides one change, or returns null when there is nothing to decide (already applied, or waiting in the failed queue). */
    private Action decide(Change c) throws IOException, SQLException {
      RemoteEntry e = c.entry();
      // A path still being written for an earlier page: its outcome is this change's base.
      if (inFlight.containsKey(e.path()) || toSubmit.containsKey(e.path())) flushAndSettle(e.path());
      IndexEntry base = baseOf(e.path());
      if (base != null && e.rev() < base.rev()) {
        throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub offered rev " + e.rev() + " of " + e.path()
            + ", older than rev " + base.rev() + " already seen; refused");
      }
      long baseRev = base == null ? 0 : base.rev();
      if (e.rev() == baseRev) return null; // our own write, or already applied
      if (cx.ignore().isIgnored(e.path(), e.meta().entryKind() == EntryKind.DIR)) {
        // Ignored here means not synced here, either way (as in Syncthing): a machine's own
        // file under a rule must not be merged with, or replaced by, another device's.
        ignoredRemote++;
        return null;
      }
      QueueEntry gate = failedDownloads.get(e.path());
      if (gate != null && gate.baseRev() == e.rev() && gate.status() != QueueEntry.Status.PENDING
          && !retriesItself(gate, e.meta().size())) {
        // This revision failed here before: it waits for `ferry queue retry` (holding the cursor), or was dropped.
        if (gate.status() == QueueEntry.Status.FAILED) {
          tally.failedItems++;
          failedSeq = Math.min(failedSeq, c.seq());
        }
        return null;
      }
      LocalFile lf = localOf(e.path());
      Version here = lf == null ? null : lf.version();
      Version baseVersion = base == null ? null : base.version();
      if (base == null && here != null && !here.equals(e.meta().version())) {
        long held = earlierRevisionHolding(e, here);
        if (held > 0) {
          baseRev = held;
          baseVersion = here;
        }
      }
      return Reconciler.decide(new PathState(e.path(), baseRev, baseVersion, here, e.rev(), e.meta().version()),
          req.direction(), req.force());
    }

    /**
     * The newest revision before {@code head} whose content is {@code here}, or 0. A path this
     * device has no record of, which holds what the hub had earlier, is a stale copy: deciding it
     * against no base made a deletion elsewhere come back and an edit elsewhere a conflict copy.
     * Asked of the hub only for such a path whose content differs from the head.
     */
    private long earlierRevisionHolding(RemoteEntry head, Version here) throws IOException {
      Long known = recoveredBases.get(head.path());
      if (known != null) return known;
      if (history == null) history = new FolderHistory(cx.folder(), cx.hub(), cx.codec());
      long found = 0;
      for (RemoteEntry r : history.revisions(head.path())) { // newest first
        if (r.rev() < head.rev() && here.equals(r.meta().version())) {
          found = r.rev();
          break;
        }
      }
      recoveredBases.put(head.path(), found);
      if (found > 0) {
        log.debug("{}: no record here, and its content is rev {} on the hub: decided against it", head.path(), found);
      }
      return found;
    }

    /**
     * A download the full disk failed is tried again by itself once the folder's disk has room
     * for it (and a mebibyte more): freeing space is the fix, and no person should have to say
     * so again. What this run retries is reserved from the room it saw, so a hundred waiting
     * files are not all tried against space that holds one.
     */
    private boolean retriesItself(QueueEntry gate, long size) {
      if (gate.status() != QueueEntry.Status.FAILED || gate.category() != ErrorCategory.DISK) return false;
      if (room < 0) {
        try {
          room = Files.getFileStore(cx.root()).getUsableSpace();
        } catch (IOException e) {
          room = 0;
        }
      }
      long needed = Math.max(0, size) + (1L << 20);
      if (room < needed) return false;
      room -= needed;
      return true;
    }

    private void check(Change c) throws IOException, SQLException {
      Action a = decide(c);
      if (a != null) checked.put(a.path(), a);
    }

    /** Applies a decided change now, or hands its file to the writers, or keeps it for the end of the feed. */
    private void dispatch(Change c, PageWrites pw) throws IOException, SQLException {
      RemoteEntry e = c.entry();
      Change earlier = deferred.remove(e.path());
      if (earlier != null) { // a later revision of the path replaces the one that waited
        deferredActions.remove(e.path());
        if (earlier.entry().inline() != null) inlineKept -= earlier.entry().inline().length;
        progress.fileDone();
      }
      Action a = decide(c);
      if (a == null) return;
      if (a instanceof Action.Adopt) {
        record(e.indexEntry(localOf(a.path())));
      } else if (a instanceof Action.Skip sk) {
        tally.skipped(sk);
      } else if (a instanceof Action.Download d && d.remote() != null && !waitsForTheTree(d)) {
        if (!downloading) { tally.move(FolderState.DOWNLOADING); downloading = true; }
        LocalFile expected = localOf(a.path());
        if (d.remote().isDir()) {
          progress.plan(1, 0);
          progress.fileDone();
          try {
            // A file became a directory on the other device: the file, unchanged here since it
            // was synced (checked right before the unlink), stays on the hub as its earlier revision.
            if (expected != null && expected.kind() == EntryKind.FILE) writer.deleteFile(a.path(), expected);
            LocalFile dir = writer.mkdir(a.path());
            record(e.indexEntry(dir));
            written.put(a.path(), dir);
            wrote = true;
          } catch (LocalChangedException ex) {
            tally.notes.add(ex.getMessage());
          } catch (IOException ex) {
            failedSeq = Math.min(failedSeq, c.seq());
            downloadFailed(a.path(), "mkdir-local", e.rev(), ex);
          }
        } else {
          progress.plan(1, Math.max(0, e.meta().size()));
          Write w = new Write(c, expected);
          toSubmit.put(a.path(), w);
          if (e.inline() != null) toSubmitInline += e.inline().length;
          pw.writes.add(w);
        }
      } else {
        // A write that waits for the deletions still moves its bytes; a deletion or conflict plans none.
        progress.plan(1, a instanceof Action.Download d && d.remote() != null && !d.remote().isDir() ? Math.max(0, e.meta().size()) : 0);
        RemoteEntry kept = e;
        if (e.inline() != null) {
          if (inlineKept + e.inline().length > INLINE_KEPT_MAX) kept = e.withoutInline();
          else inlineKept += e.inline().length;
        }
        deferred.put(a.path(), new Change(kept, c.seq()));
        deferredActions.put(a.path(), a);
        deferredFrom = Math.min(deferredFrom, c.seq());
      }
    }

    /**
     * Whether a remote file or directory cannot be written before the deletions at the end of the
     * feed: a file where a directory stands here (emptied by those deletions), or anything below
     * a path that is a file here (which a later change of the feed may turn into a directory).
     */
    private boolean waitsForTheTree(Action.Download d) {
      LocalFile here = localOf(d.path());
      if (!d.remote().isDir() && here != null && here.kind() == EntryKind.DIR) return true;
      for (int slash = d.path().lastIndexOf('/'); slash > 0; slash = d.path().lastIndexOf('/', slash - 1)) {
        LocalFile above = localOf(d.path().substring(0, slash));
        if (above != null) return above.kind() != EntryKind.DIR;
      }
      return false;
    }

    /** Hands the window's files to the writers, then waits for the windows before the last few. */
    private void submitWindow() throws IOException, SQLException {
      submit();
      windows.addLast(current);
      current = new ArrayList<>();
      while (windows.size() > WINDOWS_WRITING) settle(windows.removeFirst());
    }

    /**
     * Hands the files decided so far to the writers a directory at a time in turn: writers in
     * one directory queue on its lock (creates and renames), which cost about half the kernel
     * time of a first sync.
     */
    private void submit() {
      toSubmitInline = 0;
      if (toSubmit.isEmpty()) return;
      Map<String, Write> byPath = new HashMap<>(toSubmit);
      List<String> paths = new ArrayList<>(toSubmit.keySet());
      toSubmit.clear();
      for (String path : WriteOrder.acrossDirectories(paths)) {
        Write w = byPath.get(path);
        RemoteEntry e = w.change.entry();
        w.file = cx.writePool().submit(() -> writer.writeFile(e.path(),
            out -> transfer.download(e, out, w.expected == null ? null : writer.root().resolve(e.path())),
            e.meta().hash(), e.meta().executable(), e.meta().mtime(), w.expected));
        inFlight.put(path, w);
      }
    }

    /** A change for a path not written yet (a page that names a path twice, or a later page): that write settles first. */
    private void flushAndSettle(String path) throws IOException, SQLException {
      submit();
      Write w = inFlight.get(path);
      if (w != null) settle(w);
    }

    /** Waits for a window's writes, records them, and commits with the cursor they allow. */
    private void settle(List<PageWrites> window) throws IOException, SQLException {
      for (PageWrites pw : window) {
        for (Write w : pw.writes) settle(w);
        settledThrough = Math.max(settledThrough, pw.endSeq);
      }
      commit();
    }

    private void settle(Write w) throws IOException, SQLException {
      if (w.settled) return;
      w.settled = true;
      if (w.file == null) return; // decided, never handed out: the run stopped first, and the cursor stays before it
      inFlight.remove(w.path(), w);
      progress.fileDone(); // counted when handled, whatever the outcome
      String path = w.path();
      long seq = w.change.seq();
      try {
        LocalFile lf = w.file.get();
        record(w.change.entry().indexEntry(lf));
        written.put(path, lf);
        tally.downloaded++;
        wrote = true;
      } catch (ExecutionException ex) {
        Throwable c = ex.getCause();
        if (c instanceof LocalChangedException || c instanceof RemoteChangedException) {
          // Left as it is, and the cursor stays before it: the next run decides this change again
          // against whatever the path holds then. Passing it lost the change for good when the
          // local edit was undone, or a fifo in its way removed, before anything uploaded it.
          tally.notes.add(c.getMessage());
          failedSeq = Math.min(failedSeq, seq);
        } else if (waitsForHub(c)) {
          // The hub is away or struggling: the whole run is retried later, from this change on.
          failedSeq = Math.min(failedSeq, seq);
          if (firstFailure == null) firstFailure = (HubException) c;
          log.warn("download of {} failed: {}", path, c.toString());
        } else {
          // A local fault (full disk, no permission) or a bad entry: the old file stays, the item
          // goes to the failed queue, and the rest of the run goes on.
          failedSeq = Math.min(failedSeq, seq);
          downloadFailed(path, "download", w.change.entry().rev(), c);
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new SyncFailure(ErrorCategory.INTERNAL, "interrupted");
      }
    }

    /**
     * Deletions (files first, then directories deepest first), then the writes that waited for
     * them (parents first), then conflicts.
     */
    private void applyDeferred() throws IOException, SQLException {
      List<Action> actions = new ArrayList<>(deferredActions.values());
      long files = RunGuards.files(local);
      String[] held = cx.index().meta(MASS_DELETE_BASE).orElse("-1:0").split(":");
      if (Long.parseLong(held[0]) == startCursor) files = Math.min(files, Long.parseLong(held[1]));
      try {
        List<String> arrived = new ArrayList<>();
        for (IndexEntry ie : applied.values()) {
          IndexEntry before = index.get(ie.path());
          if (!ie.deleted() && ie.kind() == EntryKind.FILE && (before == null || before.deleted())) arrived.add(ie.hash());
        }
        guards.guardMassDelete(req, actions, local, index, files, true, arrived);
      } catch (SyncFailure stopped) {
        massDeleteFiles = files;
        throw stopped;
      }
      actions.sort(Comparator.comparingInt(PullPhase::deferredRank)
          .thenComparing((x, y) -> deferredRank(x) == 1 ? x.path().compareTo(y.path()) : y.path().compareTo(x.path())));
      for (Action a : actions) {
        progress.fileDone();
        Change c = deferred.get(a.path());
        RemoteEntry e = c.entry();
        LocalFile lf = localOf(a.path());
        try {
          if (a instanceof Action.Download d && d.remote() != null) {
            if (!downloading) { tally.move(FolderState.DOWNLOADING); downloading = true; }
            applyReplacing(e, d, lf);
            wrote = true;
          } else if (a instanceof Action.Download) {
            if (!downloading) { tally.move(FolderState.DOWNLOADING); downloading = true; }
            if (lf == null) {
              record(e.indexEntry(null));
            } else if (lf.kind() == EntryKind.DIR) {
              if (writer.rmdirIfEmpty(a.path())) { record(e.indexEntry(null)); tally.deleted++; }
              else tally.notes.add(a.path() + ": directory kept, it holds files not synced yet");
            } else {
              writer.deleteFile(a.path(), lf);
              record(e.indexEntry(null));
              tally.deleted++;
            }
            wrote = true;
          } else if (a instanceof Action.KeepBoth) {
            if (tally.state() != FolderState.RESOLVING) {
              if (!downloading) { tally.move(FolderState.DOWNLOADING); downloading = true; }
              tally.move(FolderState.RESOLVING);
            }
            ConflictHandler.Outcome o = conflictHandler.resolve(e, baseOf(a.path()), lf, req.conflictStrategy(strategy));
            tally.absorb(o);
            if (o.upsert() != null) record(o.upsert());
            wrote = true;
          }
        } catch (LocalChangedException | RemoteChangedException ex) {
          tally.notes.add(ex.getMessage());
          failedSeq = Math.min(failedSeq, c.seq()); // decided again by the next run, as in settle
        } catch (HubException | SyncFailure ex) {
          failedSeq = Math.min(failedSeq, c.seq());
          if (firstFailure == null) firstFailure = ex;
        } catch (IOException ex) {
          failedSeq = Math.min(failedSeq, c.seq());
          downloadFailed(a.path(), a instanceof Action.KeepBoth ? "keep-both"
              : a instanceof Action.Download d && d.remote() != null ? "download" : "delete-local", e.rev(), ex);
        }
      }
      deferred.clear();
      deferredActions.clear();
      deferredFrom = Long.MAX_VALUE;
    }

    /**
     * A remote file or directory written once the deletions are done: a directory it replaces
     * is empty by now, or still holds files the other device never saw, and then it is a file
     * against a directory, kept both ways (the directory moves aside as a conflict copy, synced
     * next); a path above it must be a directory by now.
     */
    private void applyReplacing(RemoteEntry e, Action.Download d, LocalFile lf) throws IOException, SQLException {
      String path = d.path();
      if (lf != null && lf.kind() == EntryKind.DIR && !d.remote().isDir()) {
        if (!writer.rmdirIfEmpty(path)) {
          if (tally.state() != FolderState.RESOLVING) tally.move(FolderState.RESOLVING);
          ConflictHandler.Outcome o = conflictHandler.resolve(e, baseOf(path), lf, req.conflictStrategy(strategy));
          tally.absorb(o);
          if (o.upsert() != null) record(o.upsert());
          return;
        }
        lf = null;
      }
      LocalFile now;
      if (d.remote().isDir()) {
        if (lf != null && lf.kind() == EntryKind.FILE) writer.deleteFile(path, lf);
        now = writer.mkdir(path);
      } else {
        now = writer.writeFile(path, out -> transfer.download(e, out), e.meta().hash(), e.meta().executable(),
            e.meta().mtime(), lf);
        tally.downloaded++;
      }
      record(e.indexEntry(now));
      written.put(path, now);
    }

    private void record(IndexEntry ie) {
      applied.put(ie.path(), ie);
      uncommitted.add(ie);
    }

    /**
     * Invariant 3: the cursor covers the pages whose every change was applied or recorded as
     * failed, and stops before the first failure and before the first change still waiting.
     */
    private void commit() throws SQLException {
      long through = settledThrough;
      if (failedSeq != Long.MAX_VALUE) through = Math.min(through, failedSeq - 1);
      if (deferredFrom != Long.MAX_VALUE) through = Math.min(through, deferredFrom - 1);
      long cursor = Math.max(committedCursor, through);
      if (uncommitted.isEmpty() && cursor == committedCursor && massDeleteFiles < 0) return;
      cx.index().commit(uncommitted, null, massDeleteFiles < 0 ? Map.of(FolderIndex.CURSOR, Long.toString(cursor))
          : Map.of(FolderIndex.CURSOR, Long.toString(cursor), MASS_DELETE_BASE, cursor + ":" + massDeleteFiles));
      massDeleteFiles = -1;
      uncommitted.clear();
      committedCursor = cursor;
    }
  }

  /**
   * The order deferred actions are applied in: deletions, then the writes that waited for them
   * (parents first), then conflicts. A conflict over a path that is a directory on the hub goes
   * with the writes: it moves the local file aside for the directory, which the files below it,
   * written after it, need.
   */
  private static int deferredRank(Action a) {
    if (a instanceof Action.KeepBoth k) return k.remote() != null && k.remote().isDir() ? 1 : 2;
    return a instanceof Action.Download d && d.remote() != null ? 1 : 0;
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
    if (c instanceof dev.ferry.daemon.local.UnsafePathException u && u.symlinkInTheWay()) {
      // A synced path replaced by a link here is held as last synced: the change waits on the hub
      // (the cursor stays before it) and arrives once the link is gone. In the failed queue, it
      // stayed failed, under a reason no longer true, after the directory was put back.
      tally.notes.add(path + ": waits on the hub: " + u.why() + " here");
      log.info("rev {} of {} waits: {}", rev, path, u.getMessage());
      return;
    }
    ErrorCategory cat = SyncFailure.categoryOf(c);
    cx.queue().outbox().downloadFailed(path, operation, rev, cat, SyncFailure.describe(c));
    tally.failedItems++;
    tally.notes.add(path + ": " + cat.wireName() + ": " + SyncFailure.describe(c) + " (in the failed queue; the local file is unchanged)");
    log.warn("cannot apply rev {} of {}: {}", rev, path, c.toString());
  }
}
