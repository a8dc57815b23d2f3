package dev.ferry.server.store;

/** Totals for {@code /metrics}. {@code bytes} counts stored inline ciphertext and chunks. */
public record StoreStats(long accounts, long devices, long entries, long revisions, long chunks, long bytes) {}
