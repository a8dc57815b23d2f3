package dev.ferry.ipc.methods;

/** {@code devices.list} takes no parameters. */
public record DevicesParams() {}
