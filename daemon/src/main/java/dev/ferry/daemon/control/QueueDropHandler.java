package dev.ferry.daemon.control;

import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.daemon.queue.Queues;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.QueueDropParams;
import dev.ferry.ipc.methods.QueueDropResult;
import java.sql.SQLException;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code queue.drop}: gives up on one item. No file is touched: a dropped upload stays on disk
 * and is sent again only once it changes again; a dropped download leaves the local file as it is.
 */
public final class QueueDropHandler implements RpcHandler {
  private static final Logger log = LoggerFactory.getLogger(QueueDropHandler.class);

  private final Queues queues;

  @Inject
  public QueueDropHandler(Queues queues) {
    this.queues = queues;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    QueueDropParams p = call.params(QueueDropParams.class);
    QueueEntry e = QueueItems.find(queues, p.id());
    try {
      if (!queues.drop(e)) {
        throw new RpcException(RpcErrors.NOT_FOUND, "queue item " + p.id() + " is gone already (sent or dropped meanwhile)");
      }
    } catch (SQLException ex) {
      throw FolderSelection.storageFailure("the queue", ex);
    }
    log.info("queue item {} ({} {} {}) dropped; the local file is kept", e.id(), e.folder(), e.operation(), e.path());
    return new QueueDropResult(QueueItems.view(e));
  }
}
