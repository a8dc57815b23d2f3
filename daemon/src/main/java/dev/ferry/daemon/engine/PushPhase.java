package dev.ferry.daemon.engine;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.ferry.daemon.core.Action;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.core.PathState;
import dev.ferry.daemon.core.Reconciler;
import dev.ferry.daemon.core.WriteOrder;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalChangedException;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.queue.Outbox;
import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.protocol.BatchResponse;
import dev.ferry.protocol.BatchResult;
import dev.ferry.protocol.BatchWrite;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.ProblemCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push phase of a run: every local change goes to the outbox, then to the hub in batches
 * (small entries first, at most three rounds), each write stored before it is sent so a retry
 * resends the same bytes with the same key. A write the hub rejects for a newer revision is
 * decided again with that revision as the remote side.
 */
final class PushPhase extends RunPhase {
  // The run's log lines keep one logger name, whichever phase writes them.
  private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
  private static final JsonAdapter<Map<String, Long>> VV =
      Json.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Long.class));
  /** A batch's JSON at most: two in flight, each held as its writes' texts (streamed to the hub from them). */
  private static final long BATCH_BYTES = 4L * 1024 * 1024;
  private static final JsonAdapter<IndexEntry> AFTER = Json.adapter(IndexEntry.class);
  /**
   * Batches on their way to the hub at once: with two, the hub parses and checks one while it
   * commits the other, and this thread stores and records in between. The answers are still
   * settled in the order the batches went.
   */
  private static final int MAX_IN_FLIGHT = 2;
  /**
   * Writes prepared ahead of sending, in batches and in inline content: enough to keep the
   * batches in flight fed, little enough that 60 KB files do not fill the heap.
   */
  private static final int PREPARED_BATCHES_AHEAD = 4;
  private static final long PREPARED_BYTES_AHEAD = 8L * 1024 * 1024;
  private final java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();

  private boolean sawConflict;
  /** Paths whose stored write named chunks the hub no longer holds: prepared again, not resent. */
  private final Set<String> stalePrepared = new java.util.HashSet<>();

  PushPhase(Parts parts) {
    super(parts);
  }

  void run(SyncRequest req, Map<String, IndexEntry> index, Map<String, LocalFile> local)
      throws IOException, SQLException {
    Outbox outbox = cx.queue().outbox();
    outbox.record(IndexDiff.changes(index, local));
    Map<String, QueueEntry> rows = outbox.uploads();
    Instant now = cx.clock().instant();
    boolean manual = dev.ferry.daemon.core.Trigger.bypassesThrottle(req.trigger()); // a person waits: no backoff
    List<Action.Upload> uploads = new ArrayList<>();
    for (String path : IndexDiff.paths(index, local)) {
      IndexEntry base = index.get(path);
      LocalFile lf = local.get(path);
      Action a = Reconciler.decide(PathState.localOnly(path, base == null ? 0 : base.rev(),
          base == null ? null : base.version(), lf == null ? null : lf.version()), req.direction(), req.force());
      if (!(a instanceof Action.Upload u)) continue;
      QueueEntry row = rows.get(path);
      if (row != null && row.status() == QueueEntry.Status.FAILED) { tally.failedItems++; continue; } // waits for `ferry queue retry`
      if (row != null && row.status() == QueueEntry.Status.DROPPED) continue; // given up on, until the file changes again
      if (row != null && !manual && row.nextAttemptAt() != null && row.nextAttemptAt().isAfter(now)) {
        tally.pending++; // backing off after a refusal; a manual sync tries at once
        continue;
      }
      uploads.add(u);
    }
    // A manual conflict keeps its local content off the hub until ferry resolve.
    Set<String> waiting = conflictHandler.waitingPaths();
    for (var it = uploads.iterator(); it.hasNext(); ) {
      String p = it.next().path();
      if (waiting.contains(p)) {
        it.remove();
        tally.pending++; // the run left it for a person: attention (exit 4), as status says, every run until resolved
        if (!tally.notes.contains(waitingNote(p))) tally.notes.add(waitingNote(p)); // said once, when this run found it
      }
    }
    if (uploads.isEmpty()) return;
    List<String> created = new ArrayList<>();
    for (Action.Upload u : uploads) {
      IndexEntry base = index.get(u.path());
      if (u.local() != null && !u.local().isDir() && (base == null || base.deleted())) created.add(u.local().hash());
    }
    guards.guardMassDelete(req, new ArrayList<>(uploads), local, index, RunGuards.files(local), false, created);
    tally.move(FolderState.UPLOADING);
    boolean rescanned = false;
    for (List<Action.Upload> stage : stages(uploads, index)) {
      List<Action.Upload> todo = stage;
      for (int round = 0; round < 3 && !todo.isEmpty(); round++) {
        try {
          todo = pushRound(req, todo, index, local, rows);
        } finally {
          awaitInFlight();
        }
        if (!todo.isEmpty()) {
          index = cx.index().load();
          local = FolderScanner.scan(cx.root(), cx.ignore(), index, cx.transferPool()).files();
          rows = outbox.uploads();
          rescanned = true;
        }
      }
      tally.pending += todo.size();
    }
    if (sawConflict) {
      // A conflict may have settled a path without a write of ours (adopted, downloaded, kept both).
      if (!rescanned) {
        index = cx.index().load();
        local = FolderScanner.scan(cx.root(), cx.ignore(), index, cx.transferPool()).files();
      }
      outbox.record(IndexDiff.changes(index, local));
    }
  }

  /**
   * The uploads in up to three stages, each sent once the one before is acknowledged, so that
   * the hub's feed carries them in this order and a device pulling meanwhile never sees a state
   * the tree was not in on the way:
   * <ol>
   *   <li>creates and edits: a renamed tree's new paths come before its old ones go, so a
   *       receiver pulling between them does not see thousands of deletions with nothing
   *       arriving (the mass-delete guard stopped such a pull once a 3,000-file directory was
   *       renamed);</li>
   *   <li>file deletions;</li>
   *   <li>directory deletions, deepest first, then files written where a directory was: a
   *       directory's tombstone after those of every file in it (a receiver that met it
   *       earlier kept the directory, and with its cursor past the tombstone, kept it for good),
   *       and a file that replaces a directory after what the directory held is gone.</li>
   * </ol>
   */
  static List<List<Action.Upload>> stages(List<Action.Upload> uploads, Map<String, IndexEntry> index) {
    List<Action.Upload> writes = new ArrayList<>();
    List<Action.Upload> fileDeletions = new ArrayList<>();
    List<Action.Upload> dirDeletions = new ArrayList<>();
    List<Action.Upload> overDirs = new ArrayList<>();
    for (Action.Upload u : uploads) {
      IndexEntry base = index.get(u.path());
      boolean wasDir = base != null && !base.deleted() && base.kind() == EntryKind.DIR;
      if (u.local() == null) (wasDir ? dirDeletions : fileDeletions).add(u);
      else (wasDir && !u.local().isDir() ? overDirs : writes).add(u);
    }
    dirDeletions.sort(Comparator.comparingLong((Action.Upload u) -> u.path().chars().filter(c -> c == '/').count()).reversed()
        .thenComparing(Action.Upload::path));
    List<Action.Upload> last = new ArrayList<>(dirDeletions);
    last.addAll(overDirs);
    List<List<Action.Upload>> stages = new ArrayList<>();
    for (List<Action.Upload> stage : List.of(writes, fileDeletions, last)) if (!stage.isEmpty()) stages.add(stage);
    return stages;
  }

  /** The note of a path whose manual conflict waits for {@code ferry resolve}. */
  static String waitingNote(String path) {
    return path + ": conflict waits for ferry resolve";
  }

  private static long sizeOf(LocalFile f) {
    return f == null ? 0 : f.size();
  }

  /** The content an upload reads: none for a delete or a directory. */
  private static long uploadSize(Action.Upload u, Map<String, LocalFile> local) {
    return u.local() == null || u.local().isDir() ? 0 : sizeOf(local.get(u.path()));
  }


  /** The content a prepared write holds in memory until sent: inline content only (chunks go ahead). */
  private static long heldSize(Action.Upload u, Map<String, LocalFile> local) {
    long size = uploadSize(u, local);
    return size > ContentTransfer.INLINE_MAX ? 0 : size;
  }

  /** Sends one round of uploads; returns the follow-ups (conflict copies, retried CAS). */
  private List<Action.Upload> pushRound(SyncRequest req, List<Action.Upload> uploads, Map<String, IndexEntry> index,
      Map<String, LocalFile> local, Map<String, QueueEntry> rows) throws IOException, SQLException {
    List<Action.Upload> followUps = new ArrayList<>();
    List<Pending> batch = new ArrayList<>();
    long batchBytes = 0;
    // Small entries first, smallest first: their batches flow to the hub at once. The chunked
    // files are handed out among them, not after them, so that a live receiver gets them while the
    // upload goes on instead of all at its end (measured: the last pull of a live first sync held
    // all 100 MiB of the bench's large files, 2.3 s after the sender was done).
    List<Action.Upload> small = new ArrayList<>();
    List<Action.Upload> large = new ArrayList<>();
    for (Action.Upload u : uploads) (uploadSize(u, local) > ContentTransfer.INLINE_MAX ? large : small).add(u);
    small.sort(Comparator.comparingLong(u -> uploadSize(u, local)));
    List<Action.Upload> ordered = WriteOrder.spread(small, large);
    ExecutorCompletionService<Pending> done = new ExecutorCompletionService<>(cx.transferPool());
    // Prepared a few batches ahead of the hub, not all at once: the transfer pool outruns the
    // hub, and a first sync's prepared writes (sealed content, JSON) waited in memory until sent:
    // ~55 MB for 10,000 files of 1 KiB, more than the 512 MiB heap for 6,000 files of 60 KB.
    boolean[] reuse = new boolean[ordered.size()];
    for (int i = 0; i < ordered.size(); i++) {
      Action.Upload u = ordered.get(i);
      reuse[i] = !stalePrepared.remove(u.path()) && isStoredFor(u, rows.get(u.path()));
      // A stored write was read before: only what is read now counts as bytes to move.
      progress.plan(1, reuse[i] ? 0 : uploadSize(u, local));
    }
    int ahead = PREPARED_BATCHES_AHEAD * cx.batchSize();
    Map<Future<Pending>, Action.Upload> submitted = new HashMap<>();
    long aheadBytes = 0;
    int nextToSubmit = 0;
    for (int i = 0; i < ordered.size(); i++) {
      for (; nextToSubmit < ordered.size() && submitted.size() < ahead
          && (aheadBytes < PREPARED_BYTES_AHEAD || submitted.isEmpty()); nextToSubmit++) {
        Action.Upload u = ordered.get(nextToSubmit);
        aheadBytes += heldSize(u, local);
        Pending again = reuse[nextToSubmit] ? storedWrite(u, rows.get(u.path())) : null;
        submitted.put(again != null ? done.submit(() -> again)
            : done.submit(() -> prepareWrite(u, index.get(u.path()), local.get(u.path()))), u);
      }
      Pending p;
      Future<Pending> f;
      try {
        f = done.take();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new SyncFailure(ErrorCategory.INTERNAL, "interrupted");
      }
      Action.Upload u = submitted.remove(f);
      aheadBytes -= heldSize(u, local);
      progress.fileDone();
      try {
        p = f.get();
      } catch (java.util.concurrent.ExecutionException ex) {
        Throwable c = ex.getCause();
        if (c instanceof LocalChangedException lce) { tally.notes.add(lce.getMessage()); tally.pending++; continue; }
        if (c instanceof HubException he && (!hubAnswered(he) || he.category() == ErrorCategory.AUTH)) {
          submitted.keySet().forEach(x -> x.cancel(false));
          throw he;
        }
        if (c instanceof HubException he) {
          // The hub refused a chunk of this file: the item's attempt failed.
          itemRefused(u.path(), he.category(), he.getMessage(), he.retryAfter().orElse(null));
          if (he.retryable()) {
            submitted.keySet().forEach(x -> x.cancel(false));
            throw he;
          }
          continue;
        }
        // A local fault reading the file: it goes to the failed queue, the rest goes on.
        ErrorCategory cat = SyncFailure.categoryOf(c);
        cx.queue().outbox().uploadFailed(IndexDiff.changeOf(u), cat, SyncFailure.describe(c));
        tally.failedItems++;
        tally.notes.add(u.path() + ": " + cat.wireName() + ": " + SyncFailure.describe(c) + " (in the failed queue)");
        log.warn("cannot upload {}: {}", u.path(), c.toString());
        continue;
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new SyncFailure(ErrorCategory.INTERNAL, "interrupted");
      }
      long size = p.writeJson().length();
      if (!batch.isEmpty() && (batch.size() >= cx.batchSize() || batchBytes + size > BATCH_BYTES)) {
        send(batch);
        batch = new ArrayList<>();
        batchBytes = 0;
        // The previous batch's answer is settled while this one is on its way: the hub works on
        // one batch while this thread stores the next and records the last.
        while (inFlight.size() >= MAX_IN_FLIGHT) followUps.addAll(settle(req, inFlight.removeFirst(), index, local));
      }
      batch.add(p);
      batchBytes += size;
    }
    if (!batch.isEmpty()) send(batch);
    while (!inFlight.isEmpty()) followUps.addAll(settle(req, inFlight.removeFirst(), index, local));
    return followUps;
  }

  /**
   * Waits until no batch of this run is on its way any more, once the run stops early: a later
   * run then resends their writes (same keys, same bytes) to a hub that has finished with them,
   * and the hub replays the answers of those it took.
   */
  private void awaitInFlight() {
    for (InFlight f : inFlight) {
      try {
        f.answer().get();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException ignored) {
        // the stored writes go again next run, whatever happened to this attempt
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    inFlight.clear();
  }

  /**
   * One upload ready to send: the wire write and the index entry it becomes once accepted.
   * {@code fresh}: prepared in this run (not yet in the outbox).
   */
  private record Pending(Action.Upload up, BatchWrite write, String writeJson, IndexEntry after, String afterJson, boolean fresh) {
    /** The sealed inline content travels in {@code writeJson} only, not held a second time in {@code write}. */
    Pending {
      if (write.entry().inline() != null) write = withInline(write, null);
    }

    /**
     * Serialised once, where it is prepared (on the transfer pool, off the folder thread, which
     * sends the batches): stored and sent as these very bytes.
     */
    Pending(Action.Upload up, BatchWrite write, IndexEntry after) {
      this(up, write, jsonOf(write), after, AFTER.toJson(after), true);
    }
  }

  private static final String INLINE_MARK = "@inline@";

  /**
   * A write's JSON, as Moshi writes it, with its inline content (base64, up to ~87 KB) spliced
   * into the text instead of passed through the JSON writer, which moves a string a char at a
   * time: that was over a third of the sender's CPU samples uploading 60 KB files. Base64 needs
   * no escaping, and the mark cannot occur elsewhere: the other strings are ids, keys and base64.
   */
  static String jsonOf(BatchWrite w) {
    String inline = w.entry().inline();
    if (inline == null) return Json.write(BatchWrite.class, w);
    String json = Json.write(BatchWrite.class, withInline(w, INLINE_MARK));
    int at = json.indexOf(INLINE_MARK);
    return json.substring(0, at) + inline + json.substring(at + INLINE_MARK.length());
  }

  /** {@code w} with {@code inline} in place of its inline content, all else the same. */
  private static BatchWrite withInline(BatchWrite w, String inline) {
    EntryWrite e = w.entry();
    return new BatchWrite(w.entryId(), w.baseRev(), w.idempotencyKey(), new EntryWrite(e.deleted(), e.size(), e.chunks(), inline, e.meta()));
  }

  /** Whether the outbox holds a write prepared for exactly this change on this base. */
  private static boolean isStoredFor(Action.Upload u, QueueEntry row) {
    return row != null && row.prepared() && row.baseRev() == u.baseRev() && Outbox.stamp(u.local()).equals(row.localVersion());
  }

  /** The write stored for this upload, when it still carries exactly this change on this base. */
  private static Pending storedWrite(Action.Upload u, QueueEntry row) {
    if (!isStoredFor(u, row)) return null;
    try {
      BatchWrite w = Json.read(BatchWrite.class, row.writeJson());
      IndexEntry after = AFTER.fromJson(row.afterJson());
      if (w == null || after == null || !row.idempotencyKey().equals(w.idempotencyKey())) return null;
      return new Pending(u, w, row.writeJson(), after, row.afterJson(), false);
    } catch (IOException | RuntimeException e) {
      log.warn("stored write of {} is unreadable ({}); preparing it again", u.path(), e.toString());
      return null;
    }
  }

  private Pending prepareWrite(Action.Upload u, IndexEntry base, LocalFile lf) throws IOException {
    String entryId = cx.codec().crypto().entryId(u.path());
    long rev = u.baseRev() + 1;
    Map<String, Long> vv = new HashMap<>(base == null ? Map.of() : parseVv(base.versionVector()));
    vv.merge(cx.deviceId(), 1L, Long::sum);
    String vvJson = VV.toJson(vv);
    long now = cx.clock().millis();
    EntryWrite write;
    IndexEntry after;
    if (u.local() == null) {
      EntryKind kind = base == null ? EntryKind.FILE : base.kind();
      PlainMeta meta = new PlainMeta(PlainMeta.VERSION, u.path(), PlainMeta.kindName(kind), true, false, now, 0, null, vv, cx.deviceId());
      write = new EntryWrite(true, 0, List.of(), null, cx.codec().sealMeta(entryId, rev, meta));
      after = new IndexEntry(u.path(), entryId, kind, rev, null, false, true, 0, 0, 0, vvJson);
    } else if (u.local().isDir()) {
      PlainMeta meta = new PlainMeta(PlainMeta.VERSION, u.path(), "dir", false, false, now, 0, null, vv, cx.deviceId());
      write = new EntryWrite(false, 0, List.of(), null, cx.codec().sealMeta(entryId, rev, meta));
      after = new IndexEntry(u.path(), entryId, EntryKind.DIR, rev, null, false, false, 0, 0, 0, vvJson);
    } else {
      Path file = cx.root().resolve(u.path());
      if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) throw new LocalChangedException(u.path());
      ContentTransfer.Prepared c = transfer.prepare(file, u.path(), lf.hash());
      long mtimeMs = lf.mtimeNs() / 1_000_000;
      PlainMeta meta = new PlainMeta(PlainMeta.VERSION, u.path(), "file", false, lf.executable(), mtimeMs, c.size(), c.hash(), vv, cx.deviceId());
      String inline = c.inline() == null ? null : cx.codec().sealInline(entryId, rev, c.inline());
      if (inline != null) transfer.bytesUp.addAndGet(inline.length());
      write = new EntryWrite(false, inline != null ? inline.length() : c.size(), c.chunks() == null ? List.of() : c.chunks(),
          inline, cx.codec().sealMeta(entryId, rev, meta));
      after = new IndexEntry(u.path(), entryId, EntryKind.FILE, rev, c.hash(), lf.executable(), false, lf.size(), lf.mtimeNs(), lf.ctimeNs(), vvJson);
    }
    return new Pending(u, new BatchWrite(entryId, u.baseRev(), UUID.randomUUID().toString(), write), after);
  }

  /**
   * A batch on its way to the hub: what settling its answer needs of each write (stored in the
   * outbox; the sealed content is not held here), and the answer to come.
   */
  private record InFlight(List<Sent> items, Future<BatchResponse> answer) {}

  private record Sent(Action.Upload up, IndexEntry after) {}

  /** Stores a batch's writes in the outbox, then sends them without waiting for the answer. */
  private void send(List<Pending> items) throws SQLException {
    // Stored before they are sent (one transaction per batch): a retry after a lost answer resends
    // these very bytes with these keys.
    List<Outbox.PreparedWrite> fresh = new ArrayList<>();
    for (Pending p : items) {
      if (!p.fresh()) continue;
      Action.Upload u = p.up();
      fresh.add(new Outbox.PreparedWrite(u.path(), IndexDiff.changeOf(u).operation(), u.baseRev(), Outbox.stamp(u.local()),
          p.write().idempotencyKey(), p.writeJson(), p.afterJson()));
    }
    cx.queue().outbox().preparedAll(fresh);
    List<BatchWrite> writes = items.stream().map(Pending::write).toList();
    List<String> json = items.stream().map(Pending::writeJson).toList();
    List<Sent> sent = items.stream().map(p -> new Sent(p.up(), p.after())).toList();
    inFlight.addLast(new InFlight(sent, cx.requestPool().submit(() -> cx.hub().batch(cx.folder(), writes, json))));
  }

  /** Waits for a batch's answer and records it: accepted writes, conflicts, refusals. */
  private List<Action.Upload> settle(SyncRequest req, InFlight sent, Map<String, IndexEntry> index,
      Map<String, LocalFile> local) throws IOException, SQLException {
    List<Sent> items = sent.items();
    BatchResponse resp;
    try {
      resp = await(sent.answer());
    } catch (HubException e) {
      // No answer: the items stay as they are and go again, same keys, same bytes. A revoked
      // token stops the run. Otherwise the hub refused the whole batch: each item's attempt failed.
      if (!hubAnswered(e) || e.category() == ErrorCategory.AUTH) throw e;
      for (Sent p : items) itemRefused(p.up().path(), e.category(), e.getMessage(), e.retryAfter().orElse(null));
      if (e.retryable()) throw e;
      return List.of();
    }
    if (resp.results().size() != items.size()) {
      throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub answered " + resp.results().size() + " results for " + items.size() + " writes");
    }
    List<IndexEntry> accepted = new ArrayList<>();
    List<Action.Upload> followUps = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Action.Upload up = items.get(i).up();
      IndexEntry after = items.get(i).after();
      BatchResult r = resp.results().get(i);
      if (r.status() == 200) {
        if (r.rev() != after.rev()) {
          throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub stored " + up.path() + " as rev " + r.rev() + ", expected " + after.rev());
        }
        accepted.add(after);
        if (up.local() == null) tally.deleted++; else tally.uploaded++;
      } else if (r.status() == 409 && r.current() != null) {
        sawConflict = true;
        followUps.addAll(resolveRejected(req, up, r.current(), index.get(up.path()), local.get(up.path())));
      } else if (r.status() == 422 && ProblemCode.MISSING_CHUNKS.code().equals(r.code())) {
        // The write names chunks the hub does not hold (any more: lost, or a stored write older
        // than a hub restore): resending it can never succeed. Prepared again next round, which
        // uploads what is missing.
        log.info("hub lacks chunks named by the write of {}; preparing it again", up.path());
        stalePrepared.add(up.path());
        followUps.add(up);
      } else {
        ErrorCategory cat = HubException.categoryOf(r.status(), r.code());
        log.warn("hub refused {}: {} {}", up.path(), r.status(), r.code());
        itemRefused(up.path(), cat, "hub refused the write (" + r.status() + " " + r.code() + ")", null);
      }
    }
    cx.index().commit(accepted, null, null);
    // Invariant 4: only now, with the acknowledged revisions recorded, do their items leave the outbox.
    cx.queue().outbox().acknowledged(accepted.stream().map(IndexEntry::path).toList());
    return followUps;
  }

  /** The hub answered an item with an error: it backs off, or goes to the failed queue. */
  private void itemRefused(String path, ErrorCategory category, String message, java.time.Duration retryAfter)
      throws SQLException {
    var row = cx.queue().outbox().attemptFailed(path, category, message, retryAfter);
    if (row.isPresent() && row.get().status() == QueueEntry.Status.FAILED) {
      tally.failedItems++;
      tally.notes.add(path + ": " + category.wireName() + ": " + message + " (in the failed queue after "
          + row.get().attempts() + " attempt(s))");
    } else {
      tally.pending++;
      tally.notes.add(path + ": " + message + "; retried later");
    }
  }

  /** The hub has a newer revision than our base: decide again with it as the remote side. */
  private List<Action.Upload> resolveRejected(SyncRequest req, Action.Upload up, EntryMeta current, IndexEntry base,
      LocalFile lf) throws IOException, SQLException {
    RemoteEntry e = cx.codec().open(current);
    if (!e.path().equals(up.path())) throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub answered a conflict for another path");
    Action a = Reconciler.decide(new PathState(up.path(), base == null ? 0 : base.rev(), base == null ? null : base.version(),
        lf == null ? null : lf.version(), e.rev(), e.meta().version()), req.direction(), req.force());
    List<Action.Upload> follow = new ArrayList<>();
    try {
      if (a instanceof Action.Upload u) {
        follow.add(u);
      } else if (a instanceof Action.Adopt) {
        cx.index().commit(List.of(e.indexEntry(lf)), null, null);
      } else if (a instanceof Action.Download d) {
        IndexEntry after = d.remote() == null
            ? applyRemoteDelete(e, lf)
            : d.remote().isDir() ? e.indexEntry(writer.mkdir(e.path()))
            : e.indexEntry(writer.writeFile(e.path(), out -> transfer.download(e, out), e.meta().hash(),
                e.meta().executable(), e.meta().mtime(), lf));
        cx.index().commit(List.of(after), null, null);
        if (d.remote() != null) tally.downloaded++;
      } else if (a instanceof Action.KeepBoth) {
        if (tally.state() == FolderState.UPLOADING) tally.move(FolderState.RESOLVING);
        ConflictHandler.Outcome o = conflictHandler.resolve(e, base, lf, req.conflictStrategy(strategy));
        tally.absorb(o);
        if (o.upsert() != null) cx.index().commit(List.of(o.upsert()), null, null);
        if (tally.state() == FolderState.RESOLVING) tally.move(FolderState.UPLOADING);
        // Whatever the resolution left to send (a merged file, a conflict copy): the next round.
        follow.addAll(o.followUps());
      } else if (a instanceof Action.Skip sk) {
        tally.skipped(sk);
      }
    } catch (LocalChangedException ex) {
      tally.notes.add(ex.getMessage());
      tally.pending++;
    }
    return follow;
  }

  private IndexEntry applyRemoteDelete(RemoteEntry e, LocalFile lf) throws IOException {
    if (lf != null && lf.kind() == EntryKind.FILE) writer.deleteFile(e.path(), lf);
    else if (lf != null) writer.rmdirIfEmpty(e.path());
    tally.deleted++;
    return e.indexEntry(null);
  }

  /** Whether the hub answered at all (a refusal, or an answer we could not use), as opposed to silence. */
  private static boolean hubAnswered(HubException e) {
    return e.category() != ErrorCategory.NETWORK && e.category() != ErrorCategory.TIMEOUT;
  }

  private static Map<String, Long> parseVv(String json) {
    try {
      Map<String, Long> m = json == null ? null : VV.fromJson(json);
      return m == null ? Map.of() : m;
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }
}
