package dev.ferry.ipc.methods;

/**
 * {@code queue.retry}: one item by id, or ({@code all}) every failed item of one folder ({@code folder})
 * or of all folders (null). Exactly one of {@code id} and {@code all} is given.
 */
public record QueueRetryParams(String id, boolean all, String folder) {}
