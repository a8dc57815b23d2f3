package dev.ferry.ipc.methods;

import java.util.List;

/** {@code sync}'s answer: one entry per folder it ran (or queued, or skipped). */
public record SyncResult(List<FolderSyncResult> folders) {
  public SyncResult {
    folders = folders == null ? List.of() : List.copyOf(folders);
  }
}
