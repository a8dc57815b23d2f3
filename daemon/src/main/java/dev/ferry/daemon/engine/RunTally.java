package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.Action;
import dev.ferry.daemon.core.FolderState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What one run has done so far, shared by its phases: the counters and notes its report is made
 * of, and the state it is in. Only the run's own thread touches it, so plain fields suffice.
 */
final class RunTally {
  // The run's log lines keep one logger name, whichever phase writes them.
  private static final Logger log = LoggerFactory.getLogger(FolderSync.class);

  int uploaded, downloaded, deleted, conflicts, pending, failedItems;
  final List<String> notes = new ArrayList<>();
  private final Consumer<FolderState> onState;
  private FolderState state = FolderState.IDLE;

  RunTally(Consumer<FolderState> onState) {
    this.onState = onState;
  }

  FolderState state() { return state; }

  /** Moves to {@code next} when the state machine allows it, and tells the listener. */
  void move(FolderState next) {
    if (state == next) return;
    if (!state.canMoveTo(next)) {
      log.error("illegal state transition {} -> {} refused", state, next);
      return;
    }
    MDC.put("state", next.name());
    log.debug("state {} -> {}", state, next);
    state = next;
    if (onState != null) onState.accept(next);
  }

  /** The run failed: ERROR, by a legal move when there is one (from IDLE, setup failed: set it directly). */
  void fail() {
    if (state != FolderState.ERROR && state.canMoveTo(FolderState.ERROR)) move(FolderState.ERROR);
    else if (state != FolderState.ERROR) state = FolderState.ERROR;
  }

  /** A path left as it is this run: it waits, and the report says why. */
  void skipped(Action.Skip sk) {
    pending++;
    notes.add(sk.path() + ": " + sk.reason());
  }

  /** Counts what handling one conflict did. */
  void absorb(ConflictHandler.Outcome o) {
    if (o.needsPerson()) conflicts++;
    downloaded += o.downloaded();
    if (o.note() != null) notes.add(o.note());
  }

  /** Whether the run left something for a person to look at. */
  boolean needsAttention() {
    return conflicts > 0 || pending > 0 || failedItems > 0;
  }
}
