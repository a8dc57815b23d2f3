package dev.ferry.server.store;

/** The result of {@link Store#putFolderKey}. The first key stored for a folder wins. */
public sealed interface PutKeyOutcome {
  /** The key was stored now. */
  record Stored() implements PutKeyOutcome {}

  /** The same key was already stored: an idempotent repeat. */
  record Same() implements PutKeyOutcome {}

  /** A different key is stored; it is returned and nothing changed. */
  record Different(String existing) implements PutKeyOutcome {}
}
