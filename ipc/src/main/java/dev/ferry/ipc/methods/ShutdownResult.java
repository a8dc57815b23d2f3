package dev.ferry.ipc.methods;

/** {@code shutdown}'s answer, sent before the daemon stops. */
public record ShutdownResult(boolean stopping) {}
