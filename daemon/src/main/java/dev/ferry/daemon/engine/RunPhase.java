package dev.ferry.daemon.engine;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.local.FolderWriter;
import java.io.IOException;
import java.util.concurrent.Future;

/**
 * What the pull and the push phase of a run share: the folder's context and the run's writer,
 * transfer, conflict handling, guards, tally and progress. One run builds one of these.
 */
abstract class RunPhase {
  /** The parts of one run, built once by {@link FolderSync} and handed to each phase. */
  record Parts(FolderSync.Context cx, FolderWriter writer, ContentTransfer transfer, ConflictHandler conflictHandler,
      ConflictStrategy strategy, RunGuards guards, RunTally tally, RunProgress progress) {

    /** The same run's parts over another context (the run's ignore rules changed under it). */
    Parts withContext(FolderSync.Context other) {
      return new Parts(other, writer, transfer, conflictHandler, strategy, guards, tally, progress);
    }
  }

  protected final FolderSync.Context cx;
  protected final FolderWriter writer;
  protected final ContentTransfer transfer;
  protected final ConflictHandler conflictHandler;
  protected final ConflictStrategy strategy;
  protected final RunGuards guards;
  protected final RunTally tally;
  protected final RunProgress progress;

  RunPhase(Parts p) {
    this.cx = p.cx();
    this.writer = p.writer();
    this.transfer = p.transfer();
    this.conflictHandler = p.conflictHandler();
    this.strategy = p.strategy();
    this.guards = p.guards();
    this.tally = p.tally();
    this.progress = p.progress();
  }

  /** The task's result, or what it threw (an I/O or hub failure, a refused entry) as if thrown here. */
  static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new SyncFailure(ErrorCategory.INTERNAL, "interrupted");
    } catch (java.util.concurrent.ExecutionException ex) {
      Throwable c = ex.getCause();
      if (c instanceof IOException io) throw io;
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error err) throw err;
      throw new SyncFailure(ErrorCategory.INTERNAL, String.valueOf(c));
    }
  }
}
