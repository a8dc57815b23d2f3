package dev.ferry.ipc.methods;

import java.util.List;

/** {@code queue.retry}'s answer: the items put back, and the folders a sync was started for. */
public record QueueRetryResult(List<QueueItem> retried, List<String> folders) {
  public QueueRetryResult {
    retried = retried == null ? List.of() : List.copyOf(retried);
    folders = folders == null ? List.of() : List.copyOf(folders);
  }
}
