package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.PauseParams;
import dev.ferry.ipc.methods.PauseResult;
import java.sql.SQLException;
import java.util.List;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pause}: no new runs start for the folder (or every folder) until {@code resume}; a run
 * already going finishes. Pausing a paused folder is not an error.
 */
public final class PauseHandler implements RpcHandler {
  private static final Logger log = LoggerFactory.getLogger(PauseHandler.class);

  private final Folders folders;
  private final PausedFolders paused;

  @Inject
  public PauseHandler(Folders folders, PausedFolders paused) {
    this.folders = folders;
    this.paused = paused;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    PauseParams p = call.params(PauseParams.class);
    List<String> ids = FolderSelection.resolve(folders, p.folder());
    try {
      for (String id : ids) {
        if (paused.pause(id)) log.info("folder {} paused", id);
      }
    } catch (SQLException e) {
      throw new RpcException(dev.ferry.ipc.RpcErrors.FAILED, "cannot record the pause in state.db: " + e.getMessage());
    }
    return new PauseResult(ids, true);
  }
}
