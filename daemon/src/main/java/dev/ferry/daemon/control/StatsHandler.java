package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.FolderStats;
import dev.ferry.ipc.methods.StatsParams;
import dev.ferry.ipc.methods.StatsResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/** {@code stats}: counters per folder and their total, from the persisted run history. */
public final class StatsHandler implements RpcHandler {
  private final Folders folders;
  private final RunStatistics statistics;

  @Inject
  public StatsHandler(Folders folders, StateDb db) {
    this.folders = folders;
    this.statistics = new RunStatistics(db);
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    StatsParams p = call.params(StatsParams.class);
    List<String> ids = FolderSelection.resolve(folders, p.folder());
    try {
      List<FolderStats> each = new ArrayList<>();
      for (String id : ids) each.add(statistics.over(id, List.of(id)));
      return new StatsResult(statistics.over(null, ids), each);
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("the run history", e);
    }
  }
}
