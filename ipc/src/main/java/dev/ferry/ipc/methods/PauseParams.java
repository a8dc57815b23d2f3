package dev.ferry.ipc.methods;

/** {@code pause} and {@code resume}: one folder, or (null) every folder. */
public record PauseParams(String folder) {}
