package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.HistoryParams;
import dev.ferry.ipc.methods.HistoryResult;
import dev.ferry.ipc.methods.RunView;
import java.sql.SQLException;
import javax.inject.Inject;

/** {@code history.list}: recent runs from the {@code runs} table, newest first. */
public final class HistoryHandler implements RpcHandler {
  private final Folders folders;
  private final RunHistory history;

  @Inject
  public HistoryHandler(Folders folders, RunHistory history) {
    this.folders = folders;
    this.history = history;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    HistoryParams p = call.params(HistoryParams.class);
    if (p.limit() < 0 || p.limit() > HistoryParams.MAX_LIMIT) {
      throw new RpcException(RpcErrors.INVALID_PARAMS,
          "limit must be between 1 and " + HistoryParams.MAX_LIMIT + ", not " + p.limit());
    }
    if (p.folder() != null) FolderSelection.resolve(folders, p.folder());
    try {
      return new HistoryResult(history.recent(p.folder(), p.limitOrDefault()).stream().map(HistoryHandler::view).toList());
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("the run history", e);
    }
  }

  static RunView view(RunReport r) {
    return new RunView(r.folder(), r.trigger(), r.direction(), r.startedAt(), r.durationMs(), r.result(), r.uploaded(),
        r.downloaded(), r.deleted(), r.conflicts(), r.bytesUp(), r.bytesDown(), r.error(),
        r.errorCategory() == null ? null : r.errorCategory().wireName());
  }
}
