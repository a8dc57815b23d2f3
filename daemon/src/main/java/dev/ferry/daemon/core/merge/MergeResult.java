package dev.ferry.daemon.core.merge;

/** The outcome of a three-way merge: the merged text, or why it could not be merged. */
public sealed interface MergeResult {

  /** Both sides' changes combined into one text. */
  record Merged(String text) implements MergeResult {}

  /** The sides cannot be combined; {@code reason} names where and why (for the log). */
  record Conflict(String reason) implements MergeResult {}
}
