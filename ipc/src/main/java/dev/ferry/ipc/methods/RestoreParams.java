package dev.ferry.ipc.methods;

/**
 * {@code versions.restore}: bring back revision {@code rev} of the file at {@code path}
 * (absolute); null {@code rev}: the newest revision whose content differs from the file now.
 * {@code to} (absolute, must not exist) writes it there instead of over the file.
 */
public record RestoreParams(String path, Long rev, String to) {}
