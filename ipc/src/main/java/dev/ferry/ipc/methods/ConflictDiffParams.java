package dev.ferry.ipc.methods;

/** {@code conflicts.diff}: the conflict on {@code path} (absolute, or a conflict copy's path). */
public record ConflictDiffParams(String path) {}
