package dev.ferry.protocol;

/**
 * The data of an SSE {@code event: change}; its SSE {@code id} is {@code seq}. Carries no
 * content: a subscriber pulls the change feed. {@code modifiedBy} lets a device ignore its own.
 */
public record ChangeEvent(String folder, long seq, String entryId, long rev, boolean deleted, String modifiedBy) {}
