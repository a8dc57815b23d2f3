package dev.ferry.ipc.methods;

/** {@code shutdown} takes no parameters. */
public record ShutdownParams() {}
