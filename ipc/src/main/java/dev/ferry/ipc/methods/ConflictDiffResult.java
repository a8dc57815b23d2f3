package dev.ferry.ipc.methods;

/**
 * {@code conflicts.diff}'s answer: unified diffs between the versions of a conflicting file.
 * Each diff is null when that version is missing (no common ancestor kept on the hub) and a
 * one-line note when a version is not text.
 *
 * @param local where the local version is (the file, or its conflict copy)
 * @param remote where the hub's version is (the file, or "hub rev N")
 * @param ancestorRev the common revision, 0 when there is none
 * @param localVsRemote the local version turned into the remote one
 * @param ancestorVsLocal what this device changed
 * @param ancestorVsRemote what the other device changed
 */
public record ConflictDiffResult(String folder, String path, String kind, String local, String remote, long ancestorRev,
    String localVsRemote, String ancestorVsLocal, String ancestorVsRemote) {}
