package dev.ferry.protocol;

/**
 * One write inside a batch. {@code baseRev} is the compare-and-swap precondition: 0 means
 * "the entry must not exist yet" (If-None-Match: *), otherwise the current head rev
 * (If-Match). {@code idempotencyKey} makes a retried batch return the first answer.
 */
public record BatchWrite(String entryId, long baseRev, String idempotencyKey, EntryWrite entry) {}
