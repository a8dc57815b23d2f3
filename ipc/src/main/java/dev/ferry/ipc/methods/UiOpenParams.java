package dev.ferry.ipc.methods;

/** {@code ui.open} takes no parameters. */
public record UiOpenParams() {}
