package dev.ferry.ipc.methods;

/** {@code versions.list}: the revisions the hub keeps of the file at {@code path} (absolute). */
public record VersionsParams(String path) {}
