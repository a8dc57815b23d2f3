package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
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
 * {@code resume}: the folder syncs again. A folder that was paused gets one run at once
 * (trigger {@code resume}) that catches up with everything that changed meanwhile; the call
 * does not wait for it.
 */
public final class ResumeHandler implements RpcHandler {
  private static final Logger log = LoggerFactory.getLogger(ResumeHandler.class);

  private final PausedFolders paused;
  private final Folders folders;

  @Inject
  public ResumeHandler(PausedFolders paused, Folders folders) {
    this.paused = paused;
    this.folders = folders;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    PauseParams p = call.params(PauseParams.class);
    List<String> ids = FolderSelection.resolve(folders, p.folder());
    for (String id : ids) {
      boolean was;
      try {
        was = paused.resume(id);
      } catch (SQLException e) {
        throw new RpcException(RpcErrors.FAILED, "cannot record the resume of " + id + " in state.db: " + e.getMessage());
      }
      if (!was) continue;
      log.info("folder {} resumed", id);
      folders.runner(id).ifPresent(r -> r.request(new SyncRequest(SyncDirection.BOTH, false, false, "resume")));
    }
    return new PauseResult(ids, false);
  }
}
