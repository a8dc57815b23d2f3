package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.FolderSyncResult;
import dev.ferry.ipc.methods.SyncParams;
import dev.ferry.ipc.methods.SyncResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.inject.Inject;

/**
 * {@code sync}: a manual (or pre-operation, for {@code ferry run}) run of one folder or all; never
 * throttled; waits for the result unless told not to.
 */
public final class SyncHandler implements RpcHandler {
  private final Folders folders;

  @Inject
  SyncHandler(Folders folders) {
    this.folders = folders;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    SyncParams p = call.params(SyncParams.class);
    SyncDirection direction;
    try {
      direction = SyncDirection.parse(p.direction());
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, e.getMessage(), null);
    }
    if (p.force() && direction != SyncDirection.UPLOAD && direction != SyncDirection.DOWNLOAD) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, "force needs direction upload (local wins) or download (remote wins)", null);
    }
    String trigger = p.triggerOrDefault();
    if (!trigger.equals(SyncParams.MANUAL) && !trigger.equals(SyncParams.PRE_OPERATION)) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, "trigger must be " + SyncParams.MANUAL + " or "
          + SyncParams.PRE_OPERATION + ", was '" + trigger + "'", null);
    }
    Map<String, FolderRunner> targets = new LinkedHashMap<>();
    if (p.folder() != null) {
      if (!folders.configs().containsKey(p.folder())) {
        throw new RpcException(RpcErrors.NOT_FOUND, "no folder '" + p.folder() + "' is configured (ferry folder list)", null);
      }
      FolderRunner r = folders.runner(p.folder()).orElseThrow(() -> new RpcException(RpcErrors.FAILED,
          "folder " + p.folder() + " cannot be synced: " + folders.setupError(p.folder()).orElse("not set up"), null));
      targets.put(p.folder(), r);
    } else {
      targets.putAll(folders.runners());
    }
    SyncRequest req = new SyncRequest(direction, p.force(), p.allowMassDelete(), trigger);
    Map<String, CompletableFuture<RunReport>> futures = new LinkedHashMap<>();
    targets.forEach((id, r) -> futures.put(id, r.request(req)));
    List<FolderSyncResult> results = new ArrayList<>();
    for (var e : futures.entrySet()) {
      if (p.noWait()) {
        results.add(new FolderSyncResult(e.getKey(), "queued", trigger, direction.wireName(), 0, 0, 0, 0, 0, 0, 0, null, null, List.of()));
        continue;
      }
      try {
        results.add(view(e.getValue().get()));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new RpcException(RpcErrors.FAILED, "interrupted", null);
      } catch (ExecutionException ee) {
        results.add(new FolderSyncResult(e.getKey(), "failed", trigger, direction.wireName(), 0, 0, 0, 0, 0, 0, 0,
            String.valueOf(ee.getCause()), "internal", List.of()));
      }
    }
    return new SyncResult(results);
  }

  static FolderSyncResult view(RunReport r) {
    return new FolderSyncResult(r.folder(), r.result(), r.trigger(), r.direction(), r.uploaded(), r.downloaded(), r.deleted(),
        r.conflicts(), r.bytesUp(), r.bytesDown(), r.durationMs(), r.error(),
        r.errorCategory() == null ? null : r.errorCategory().wireName(), r.notes());
  }
}
