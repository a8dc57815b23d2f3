package dev.ferry.ipc.methods;

/** {@code conflicts.resolve}: keep {@code keep} (local, remote or both) for the conflict on {@code path} (absolute). */
public record ConflictResolveParams(String path, String keep) {}
