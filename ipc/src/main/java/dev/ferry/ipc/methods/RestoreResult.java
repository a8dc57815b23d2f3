package dev.ferry.ipc.methods;

/** {@code versions.restore}'s answer: which revision went where, and how many bytes. */
public record RestoreResult(String folder, String path, long rev, String writtenTo, long size) {}
