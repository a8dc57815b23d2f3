package dev.ferry.ipc.methods;

import java.util.List;

/** {@code history.list}'s answer: runs, newest first. */
public record HistoryResult(List<RunView> runs) {
  public HistoryResult {
    runs = runs == null ? List.of() : List.copyOf(runs);
  }
}
