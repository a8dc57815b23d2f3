package dev.ferry.ipc.methods;

import java.util.List;

/** {@code queue.list}'s answer: work waiting for the hub, and work that failed for good. */
public record QueueListResult(List<QueueItem> pending, List<QueueItem> failed) {
  public QueueListResult {
    pending = pending == null ? List.of() : List.copyOf(pending);
    failed = failed == null ? List.of() : List.copyOf(failed);
  }
}
