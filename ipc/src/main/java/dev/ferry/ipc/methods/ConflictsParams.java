package dev.ferry.ipc.methods;

/** {@code conflicts.list}: one folder's conflicts, or (null) every folder's. */
public record ConflictsParams(String folder) {}
