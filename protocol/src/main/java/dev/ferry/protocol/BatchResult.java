package dev.ferry.protocol;

/**
 * The outcome of one batch item: {@code status} is the HTTP status the same write would have
 * had alone (200, 409, 400, ...). On 200 {@code rev}/{@code seq} are set; on 409
 * {@code current} is the head; otherwise {@code code} is a {@link ProblemCode} wire code.
 */
public record BatchResult(String entryId, int status, String code, long rev, long seq, EntryMeta current) {}
