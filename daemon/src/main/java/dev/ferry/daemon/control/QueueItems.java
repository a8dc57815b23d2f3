package dev.ferry.daemon.control;

import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.daemon.queue.Queues;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.QueueItem;
import java.sql.SQLException;
import java.util.Map;

/** Queue rows as the control socket shows them, and the item ids clients pass back. */
final class QueueItems {
  private QueueItems() {}

  static QueueItem view(QueueEntry e) {
    return new QueueItem(Long.toString(e.id()), e.folder(), e.path(), e.operation(), e.attempts(), e.createdAt(),
        e.error(), e.category() == null ? null : e.category().wireName(),
        e.status() == QueueEntry.Status.PENDING ? e.nextAttemptAt() : null);
  }

  /** The pending or failed item with this id; INVALID_PARAMS or NOT_FOUND naming the id otherwise. */
  static QueueEntry find(Queues queues, String id) throws RpcException {
    if (id == null || id.isBlank()) throw new RpcException(RpcErrors.INVALID_PARAMS, "an item id is needed (ferry queue shows them)");
    long n;
    try {
      n = Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, "'" + id + "' is not a queue item id (ids are numbers; ferry queue shows them)",
          Map.of("id", id));
    }
    try {
      return queues.find(n).filter(e -> e.status() != QueueEntry.Status.DROPPED).orElseThrow(() ->
          new RpcException(RpcErrors.NOT_FOUND, "no queue item " + id + " (it may have been sent or dropped meanwhile; ferry queue)",
              Map.of("id", id)));
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("the queue", e);
    }
  }
}
