package dev.ferry.daemon.control;

import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import java.util.List;
import java.util.Map;

/** The {@code folder} parameter many methods take: one configured folder, or null for all of them. */
final class FolderSelection {
  private FolderSelection() {}

  /** The folder ids a call applies to; NOT_FOUND naming the folder when it is not configured. */
  static List<String> resolve(Folders folders, String folderOrNull) throws RpcException {
    // The folders as they are now: a reload adds and removes them while the daemon runs.
    Map<String, FolderConfig> now = folders.configs();
    if (folderOrNull == null) return List.copyOf(now.keySet());
    if (!now.containsKey(folderOrNull)) {
      throw new RpcException(RpcErrors.NOT_FOUND, "no folder '" + folderOrNull + "' is configured (ferry folder list)",
          Map.of("folder", folderOrNull));
    }
    return List.of(folderOrNull);
  }

  /** A database failure as the client sees it: the method failed, the message says what was read. */
  static RpcException storageFailure(String what, java.sql.SQLException e) {
    return new RpcException(RpcErrors.FAILED, "cannot read " + what + " from state.db: " + e.getMessage());
  }
}
