package dev.ferry.daemon.control;

import dev.ferry.config.FerryConfig;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.ConflictView;
import dev.ferry.ipc.methods.ConflictsParams;
import dev.ferry.ipc.methods.ConflictsResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/** {@code conflicts.list}: the conflicts recorded in state.db that wait for a person. */
public final class ConflictsListHandler implements RpcHandler {
  private final FerryConfig config;
  private final StateDb db;

  @Inject
  public ConflictsListHandler(FerryConfig config, StateDb db) {
    this.config = config;
    this.db = db;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    ConflictsParams p = call.params(ConflictsParams.class);
    List<String> ids = FolderSelection.resolve(config, p.folder());
    List<ConflictView> out = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT folder, path, copy_path, created_at, remote_rev FROM conflicts"
            + " WHERE folder = ? ORDER BY created_at, path, copy_path")) {
      for (String id : ids) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new ConflictView(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                rs.getLong(5)));
          }
        }
      }
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("conflicts", e);
    }
    return new ConflictsResult(out);
  }
}
