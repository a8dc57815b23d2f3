package dev.ferry.daemon.engine;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.core.Reconciler;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.local.ConflictRecords;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.FolderWriter;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.queue.FolderQueue;
import dev.ferry.daemon.queue.LocalChange;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One sync run of one folder: check ({@link RunGuards}) → pull ({@link PullPhase}) → resolve →
 * push ({@link PushPhase}). {@link Reconciler} decides per path; the phases only execute, and
 * record every outcome in the index in the same transaction as the cursor it belongs to. This
 * class orders the phases and turns the run's {@link RunTally} into its report. Runs of one
 * folder never overlap (the caller runs them on the folder's single thread), so no locks are
 * needed here.
 */
public final class FolderSync {
  private static final Logger log = LoggerFactory.getLogger(FolderSync.class);

  /**
   * Everything a run needs; one per folder. {@code transferPool}: CPU-bound work (hashing,
   * sealing, opening entries); {@code writePool}: the files a pull writes (they mostly wait on
   * their fsyncs); {@code requestPool}: hub requests on their way while the run goes on.
   * {@code batchSize}: writes per hub request ({@code performance.batch_size}).
   */
  public record Context(
      String folder,
      Path root,
      String deviceId,
      String deviceName,
      HubClient hub,
      EntryCodec codec,
      FolderIndex index,
      IgnoreRules ignore,
      ExecutorService transferPool,
      ExecutorService writePool,
      ExecutorService requestPool,
      Clock clock,
      Consumer<FolderState> onState,
      FolderQueue queue,
      int batchSize) {

    Context withIgnore(IgnoreRules rules) {
      return new Context(folder, root, deviceId, deviceName, hub, codec, index, rules, transferPool, writePool, requestPool,
          clock, onState, queue, batchSize);
    }
  }

  private Context cx;
  private final ContentTransfer transfer;
  private final ConflictHandler conflictHandler;
  private final ResolveDecisions decisions;

  private final RunTally tally;
  private final RunGuards guards;
  private RunPhase.Parts parts;
  private PullPhase pull;
  private PushPhase push;
  private final RunProgress progress = new RunProgress();

  public FolderSync(Context cx) {
    this(cx, ConflictStrategy.MERGE);
  }

  /** {@code strategy}: the folder's conflict strategy ({@code FolderConfig.effectiveStrategy}). */
  public FolderSync(Context cx, ConflictStrategy strategy) {
    this.cx = cx;
    FolderWriter writer = new FolderWriter(cx.root());
    this.transfer = new ContentTransfer(cx.folder(), cx.hub(), cx.codec().crypto(), progress);
    this.tally = new RunTally(cx.onState());
    this.guards = new RunGuards(cx.folder(), cx.root(), cx.index());
    ConflictActions act = new ConflictActions(cx.folder(), cx.root(), cx.deviceId(), cx.hub(), cx.codec(), writer, transfer);
    ConflictRecords records = new ConflictRecords(cx.index().connection(), cx.folder());
    this.conflictHandler = new ConflictHandler(cx.folder(), cx.root(), cx.deviceName(), cx.clock(), act, records);
    this.decisions = new ResolveDecisions(cx.root(), cx.deviceName(), cx.clock(), act, records, cx.index());
    usePhases(new RunPhase.Parts(cx, writer, transfer, conflictHandler, strategy, guards, tally, progress));
  }

  private void usePhases(RunPhase.Parts p) {
    this.parts = p;
    this.cx = p.cx();
    this.pull = new PullPhase(p);
    this.push = new PushPhase(p);
  }

  /**
   * The folder's ignore rules as the pull just left them: a {@code .ferryignore} it wrote (another
   * device changed it) applies in this run, so what it no longer ignores arrives and is sent now,
   * not a run later. Null when they did not change.
   */
  private IgnoreRules ignoreChangedByPull() {
    try {
      IgnoreRules now = cx.ignore().reloaded(cx.root());
      return now.patterns().equals(cx.ignore().patterns()) ? null : now;
    } catch (IOException e) {
      log.warn("cannot read the ignore rules the pull wrote, keeping this run's: {}", e.getMessage());
      return null;
    }
  }

  /** This run's progress so far; safe to read from any thread while {@link #run} executes. */
  public RunProgress progress() { return progress; }

  public RunReport run(SyncRequest req) {
    Instant started = cx.clock().instant();
    String error = null;
    ErrorCategory category = null;
    java.time.Duration retryAfter = null;
    MDC.put("folder", cx.folder());
    MDC.put("trigger", req.trigger());
    MDC.put("direction", req.direction().wireName());
    try {
      log.info("sync start");
      tally.move(FolderState.CHECKING);
      execute(req);
      tally.move(FolderState.COMPLETE);
    } catch (SyncFailure e) {
      error = e.getMessage();
      category = e.category();
    } catch (HubException e) {
      error = e.getMessage();
      category = e.category();
      retryAfter = e.retryAfter().orElse(null);
    } catch (AccessDeniedException e) {
      error = "permission denied: " + e.getMessage();
      category = ErrorCategory.PERMISSION;
    } catch (IOException e) {
      error = e.getMessage() == null ? e.toString() : e.getMessage();
      category = ErrorCategory.DISK;
    } catch (SQLException e) {
      java.util.Optional<String> full = cx.index().db().fullDisk();
      error = "state database: " + full.map(f -> f + ": ").orElse("") + e.getMessage();
      category = full.isPresent() ? ErrorCategory.DISK : ErrorCategory.INTERNAL;
    } catch (RuntimeException e) {
      log.error("sync failed unexpectedly", e);
      error = e.toString();
      category = ErrorCategory.INTERNAL;
    }
    if (error != null) tally.fail();
    tally.move(FolderState.IDLE);
    if (planRetry(category, retryAfter)) tally.move(FolderState.QUEUED);
    long ms = java.time.Duration.between(started, cx.clock().instant()).toMillis();
    String result = error != null ? "failed" : tally.needsAttention() ? "attention" : "ok";
    RunReport r = new RunReport(cx.folder(), req.trigger(), req.direction().wireName(), started, ms, result,
        tally.uploaded, tally.downloaded, tally.deleted, tally.conflicts, transfer.bytesUp.get(), transfer.bytesDown.get(),
        tally.pending,
        List.copyOf(tally.notes), error, category);
    logEnd(r);
    MDC.clear();
    return r;
  }

  private void execute(SyncRequest req) throws IOException, SQLException {
    guards.checkRoot();
    if (req.direction() != SyncDirection.CHECK) {
      tally.notes.addAll(decisions.apply());
      conflictHandler.forgetRemovedCopies();
    }
    Map<String, IndexEntry> index = cx.index().load();
    long t0 = System.nanoTime();
    FolderScanner.Scan scan = FolderScanner.scan(cx.root(), cx.ignore(), index, cx.transferPool());
    MDC.put("scan_ms", Long.toString((System.nanoTime() - t0) / 1_000_000));
    scan.skipped().forEach(s -> tally.notes.add("skipped " + s));
    Map<String, LocalFile> local = scan.files();
    // Files hashed only because their stat moved are trusted again from the next scan on.
    if (req.direction() != SyncDirection.CHECK) cx.index().refreshStats(IndexDiff.staleStats(index, local));
    // Every local change is in the outbox before anything is sent (and while the hub is away).
    if (req.direction().pushes()) cx.queue().outbox().record(IndexDiff.changes(index, local));

    if (req.direction().pulls() || req.direction() == SyncDirection.CHECK) {
      long t1 = System.nanoTime();
      boolean applied = pull.run(req, index, local, IgnoreChange.pullFrom(cx.index(), cx.ignore(), req.direction()));
      IgnoreRules changed = applied && req.direction() != SyncDirection.CHECK ? ignoreChangedByPull() : null;
      if (changed != null) {
        log.info("the pull brought new ignore rules: they apply from now on, in this run");
        usePhases(parts.withContext(cx.withIgnore(changed)));
        index = cx.index().load();
        local = FolderScanner.scan(cx.root(), cx.ignore(), index, cx.transferPool()).files();
        pull.run(req, index, local, IgnoreChange.pullFrom(cx.index(), cx.ignore(), req.direction()));
      }
      MDC.put("pull_ms", Long.toString((System.nanoTime() - t1) / 1_000_000));
      if (applied) {
        // A copy the pull removed (its conflict settled on another device) is settled here too, at once.
        if (req.direction() != SyncDirection.CHECK) conflictHandler.forgetRemovedCopies();
        index = cx.index().load();
        local = FolderScanner.scan(cx.root(), cx.ignore(), index, cx.transferPool()).files();
      }
    }
    if (req.direction().pushes()) {
      long t2 = System.nanoTime();
      push.run(req, index, local);
      MDC.put("push_ms", Long.toString((System.nanoTime() - t2) / 1_000_000));
    } else {
      // The local changes this direction leaves where they are, said per path (README: notes
      // list "changes the direction did not allow"); a path the pull already noted keeps its note.
      List<LocalChange> held = IndexDiff.changes(index, local);
      tally.pending += held.size();
      Set<String> noted = new HashSet<>();
      for (String n : tally.notes) if (n.contains(": ")) noted.add(n.substring(0, n.indexOf(": ")));
      for (LocalChange c : held) {
        if (noted.contains(c.path())) continue;
        tally.notes.add(c.path() + ": " + (req.direction() == SyncDirection.CHECK
            ? "would " + c.operation() : "local " + c.operation() + " not sent (--direction " + req.direction().wireName() + ")"));
      }
    }
  }

  /** After the run: when to try again; true when the folder now waits for the hub. */
  private boolean planRetry(ErrorCategory failure, java.time.Duration retryAfter) {
    try {
      return cx.queue().afterRun(failure, retryAfter);
    } catch (SQLException e) {
      log.warn("cannot plan the next retry: {}", e.getMessage());
      return false;
    }
  }

  private void logEnd(RunReport r) {
    MDC.put("duration_ms", Long.toString(r.durationMs()));
    MDC.put("uploaded", Integer.toString(r.uploaded()));
    MDC.put("downloaded", Integer.toString(r.downloaded()));
    MDC.put("conflicts", Integer.toString(r.conflicts()));
    MDC.put("bytes_up", Long.toString(r.bytesUp()));
    MDC.put("bytes_down", Long.toString(r.bytesDown()));
    if (r.error() != null) {
      MDC.put("error_category", r.errorCategory().wireName());
      log.warn("sync end: failed: {}", r.error());
    } else {
      log.info("sync end: {}", r.result());
    }
  }
}
