package dev.ferry.ipc.methods;

import java.util.List;

/** {@code stats}'s answer: the totals over the folders asked for, and each folder. */
public record StatsResult(FolderStats total, List<FolderStats> folders) {
  public StatsResult {
    folders = folders == null ? List.of() : List.copyOf(folders);
  }
}
