package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.daemon.local.ConflictRecords;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.ConflictResolveParams;
import dev.ferry.ipc.methods.ConflictResolveResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.inject.Inject;

/**
 * {@code conflicts.resolve}: records the person's decision (keep local, remote or both) and runs
 * the folder once, which carries it out on the folder's own thread and sends the result; answers
 * with that run's outcome. The path may name the file or one of its conflict copies.
 */
public final class ConflictResolveHandler implements RpcHandler {
  private final Folders folders;
  private final StateDb db;
  private final Clock clock;

  @Inject
  public ConflictResolveHandler(Folders folders, StateDb db, Clock clock) {
    this.folders = folders;
    this.db = db;
    this.clock = clock;
  }

  /**
   * NOT_FOUND for a path with no conflict here. A copy another device made arrives as an
   * ordinary synced file (its conflict is recorded where it was made): say how to settle it.
   */
  static RpcException noConflict(String path, String rel) {
    return new RpcException(RpcErrors.NOT_FOUND, dev.ferry.daemon.core.ConflictNames.originalOf(rel)
        .map(original -> path + " is a conflict copy another device made; here it is an ordinary synced file: delete it to"
            + " keep " + original + " as it is, or move it over " + original + " to keep its content (either syncs,"
            + " and settles the conflict on that device too)")
        .orElse("no conflict waits on " + path + " (ferry conflicts)"), null);
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    ConflictResolveParams p = call.params(ConflictResolveParams.class);
    ConflictRecords.Keep keep = ConflictRecords.Keep.parse(p.keep()).orElseThrow(() -> new RpcException(RpcErrors.INVALID_PARAMS,
        "--keep must be local, remote or both, not '" + p.keep() + "'", null));
    FolderPaths.Located at = FolderPaths.locate(folders, p.path());
    String folder = at.folder().id();
    String path;
    try (Connection c = db.connect()) {
      ConflictRecords records = new ConflictRecords(c, folder);
      Optional<ConflictRecords.Copy> copy = records.copyNamed(at.rel());
      path = copy.map(ConflictRecords.Copy::path).orElse(at.rel());
      if (records.copiesOf(path).isEmpty() && records.waitingFor(path).isEmpty()) {
        throw noConflict(p.path(), at.rel());
      }
      records.decide(path, keep, clock.instant());
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("conflicts", e);
    }
    FolderRunner runner = folders.runner(folder).orElseThrow(() -> new RpcException(RpcErrors.FAILED,
        "folder " + folder + " cannot be synced: " + folders.setupError(folder).orElse("not set up"), null));
    RunReport r;
    try {
      r = runner.request(new SyncRequest(SyncDirection.BOTH, false, false, "manual")).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(RpcErrors.FAILED, "interrupted", null);
    } catch (ExecutionException e) {
      throw new RpcException(RpcErrors.FAILED, "the run resolving " + p.path() + " failed: " + e.getCause(), null);
    }
    List<String> notes = r.notes().stream().filter(n -> n.startsWith(path + ":") || n.contains(" " + path + " ")).toList();
    return new ConflictResolveResult(folder, path, keep.wireName(), r.result(), notes, r.error());
  }
}
