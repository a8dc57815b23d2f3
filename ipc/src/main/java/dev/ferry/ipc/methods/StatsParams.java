package dev.ferry.ipc.methods;

/** {@code stats}'s request: one folder's counters, or (null) every folder's. */
public record StatsParams(String folder) {}
