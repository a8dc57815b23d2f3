package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.daemon.queue.Queues;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.QueueItem;
import dev.ferry.ipc.methods.QueueListParams;
import dev.ferry.ipc.methods.QueueListResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/**
 * {@code queue.list}: the outbox (local changes recorded and not yet acknowledged by the hub)
 * and the failed queue, of one folder or of all.
 */
public final class QueueListHandler implements RpcHandler {
  private final Folders folders;
  private final Queues queues;

  @Inject
  public QueueListHandler(Folders folders, Queues queues) {
    this.folders = folders;
    this.queues = queues;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    QueueListParams p = call.params(QueueListParams.class);
    List<String> ids = FolderSelection.resolve(folders, p.folder());
    List<QueueItem> pending = new ArrayList<>();
    List<QueueItem> failed = new ArrayList<>();
    try {
      for (QueueEntry e : queues.list(ids)) {
        (e.status() == QueueEntry.Status.FAILED ? failed : pending).add(QueueItems.view(e));
      }
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("the queue", e);
    }
    return new QueueListResult(pending, failed);
  }
}
