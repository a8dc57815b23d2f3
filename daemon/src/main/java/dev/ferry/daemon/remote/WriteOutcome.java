package dev.ferry.daemon.remote;

import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.WriteResult;
import java.util.Objects;

/**
 * What the hub did with a compare-and-swap write: accepted it, or refused it because the entry
 * moved on since the base revision. Every other answer is a {@link HubException}.
 */
public sealed interface WriteOutcome {

  /** The write is the new head: {@code result.rev()} is the base revision plus one. */
  record Accepted(WriteResult result) implements WriteOutcome {
    public Accepted {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * The base revision was stale. {@code current} is the hub's head to reconcile against; it is
   * null only when the hub has no head for the entry (the write assumed one existed).
   */
  record Conflict(EntryMeta current) implements WriteOutcome {}
}
