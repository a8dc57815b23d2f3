package dev.ferry.ipc.methods;

/** {@code status} takes no parameters. */
public record StatusParams() {}
