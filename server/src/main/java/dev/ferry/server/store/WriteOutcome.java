package dev.ferry.server.store;

import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.WriteResult;
import java.util.List;

/** The result of one {@link WriteCommand}. */
public sealed interface WriteOutcome {
  /**
   * The write is stored. {@code replayed} means an earlier request with the same idempotency
   * key was accepted and this is its answer again; then {@code head} is null (nothing new).
   */
  record Accepted(WriteResult result, EntryMeta head, boolean replayed) implements WriteOutcome {}

  /** The precondition failed; {@code current} is the head, or null when there is no entry. */
  record RevMismatch(EntryMeta current) implements WriteOutcome {}

  /** The write names chunks this account's folder does not hold. */
  record MissingChunks(List<String> missing) implements WriteOutcome {}

  /** The idempotency key was used before for a different request; nothing changed. */
  record KeyReused() implements WriteOutcome {}
}
