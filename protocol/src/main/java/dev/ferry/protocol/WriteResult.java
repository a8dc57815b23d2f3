package dev.ferry.protocol;

/** The hub's answer to an accepted write: the new revision and its place in the change feed. */
public record WriteResult(String entryId, long rev, long seq) {}
