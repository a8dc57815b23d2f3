package dev.ferry.daemon.control;

import dev.ferry.config.FerryConfig;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.QueueListParams;
import dev.ferry.ipc.methods.QueueListResult;
import java.util.List;
import javax.inject.Inject;

/**
 * {@code queue.list}. This daemon keeps no per-item outbox: a run that cannot reach the hub
 * fails as a whole and the next run (periodic, or {@code ferry sync}) redoes all of its work
 * from the folder itself, so nothing is ever waiting item by item and both lists are truthfully
 * empty. The folder is still checked, so a typo is reported.
 */
public final class QueueListHandler implements RpcHandler {
  private final FerryConfig config;

  @Inject
  public QueueListHandler(FerryConfig config) {
    this.config = config;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    QueueListParams p = call.params(QueueListParams.class);
    FolderSelection.resolve(config, p.folder());
    return new QueueListResult(List.of(), List.of());
  }
}
