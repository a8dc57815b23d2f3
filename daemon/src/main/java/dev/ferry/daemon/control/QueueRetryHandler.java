package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.daemon.queue.Queues;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.QueueItem;
import dev.ferry.ipc.methods.QueueRetryParams;
import dev.ferry.ipc.methods.QueueRetryResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code queue.retry}: puts one item, or every failed item, back to be tried, attempts counted
 * afresh, and starts a sync of each folder concerned (it does not wait for it: {@code ferry
 * status} and {@code ferry queue} show how it went).
 */
public final class QueueRetryHandler implements RpcHandler {
  private static final Logger log = LoggerFactory.getLogger(QueueRetryHandler.class);

  private final Queues queues;
  private final Folders folders;

  @Inject
  public QueueRetryHandler(Queues queues, Folders folders) {
    this.queues = queues;
    this.folders = folders;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    QueueRetryParams p = call.params(QueueRetryParams.class);
    if (p.all() == (p.id() != null)) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, "give either an item id or all=true (ferry queue retry ID|--all)");
    }
    List<QueueEntry> chosen = new ArrayList<>();
    try {
      if (p.all()) {
        for (QueueEntry e : queues.list(FolderSelection.resolve(folders, p.folder()))) {
          if (e.status() == QueueEntry.Status.FAILED) chosen.add(e);
        }
      } else {
        chosen.add(QueueItems.find(queues, p.id()));
      }
      List<QueueItem> retried = new ArrayList<>();
      Set<String> touched = new LinkedHashSet<>();
      for (QueueEntry e : chosen) {
        if (queues.retry(e)) {
          retried.add(QueueItems.view(e));
          touched.add(e.folder());
          log.info("queue item {} ({} {}) put back to be retried", e.id(), e.folder(), e.path());
        }
      }
      List<String> started = new ArrayList<>();
      for (String f : touched) {
        folders.runner(f).ifPresent(r -> {
          r.request(new SyncRequest(SyncDirection.BOTH, false, false, dev.ferry.daemon.core.Trigger.MANUAL.wireName()));
          started.add(f);
        });
      }
      return new QueueRetryResult(retried, started);
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("the queue", e);
    }
  }
}
