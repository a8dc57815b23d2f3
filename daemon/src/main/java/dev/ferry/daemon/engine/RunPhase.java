package dev.ferry.daemon.engine;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.local.FolderWriter;

/**
 * What the pull and the push phase of a run share: the folder's context and the run's writer,
 * transfer, conflict handling, guards, tally and progress. One run builds one of these.
 */
abstract class RunPhase {
  /** The parts of one run, built once by {@link FolderSync} and handed to each phase. */
  record Parts(FolderSync.Context cx, FolderWriter writer, ContentTransfer transfer, ConflictHandler conflictHandler,
      ConflictStrategy strategy, RunGuards guards, RunTally tally, RunProgress progress) {}

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
}
