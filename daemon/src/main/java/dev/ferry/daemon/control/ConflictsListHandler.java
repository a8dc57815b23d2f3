package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.local.ConflictRecords;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.ConflictView;
import dev.ferry.ipc.methods.ConflictsParams;
import dev.ferry.ipc.methods.ConflictsResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/** {@code conflicts.list}: the conflicts recorded in state.db that wait for a person (copies and manual ones). */
public final class ConflictsListHandler implements RpcHandler {
  private final Folders folders;
  private final StateDb db;

  @Inject
  public ConflictsListHandler(Folders folders, StateDb db) {
    this.folders = folders;
    this.db = db;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    ConflictsParams p = call.params(ConflictsParams.class);
    List<String> ids = FolderSelection.resolve(folders, p.folder());
    List<ConflictView> out = new ArrayList<>();
    try (Connection c = db.connect()) {
      for (String id : ids) {
        ConflictRecords records = new ConflictRecords(c, id);
        for (ConflictRecords.Copy x : records.copies()) {
          out.add(new ConflictView(id, x.path(), x.copyPath(), x.createdAt(), x.remoteRev(), "copy", x.reason()));
        }
        for (ConflictRecords.Waiting w : records.waiting()) {
          out.add(new ConflictView(id, w.path(), null, w.createdAt(), w.remoteRev(), "manual", w.reason()));
        }
      }
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("conflicts", e);
    }
    out.sort(java.util.Comparator.comparing(ConflictView::createdAt).thenComparing(ConflictView::folder)
        .thenComparing(ConflictView::path));
    return new ConflictsResult(out);
  }
}
