package dev.ferry.daemon.control;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FolderConfig;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import java.util.List;

/** The {@code folder} parameter many methods take: one configured folder, or null for all of them. */
final class FolderSelection {
  private FolderSelection() {}

  /** The folder ids a call applies to; NOT_FOUND naming the folder when it is not configured. */
  static List<String> resolve(FerryConfig config, String folderOrNull) throws RpcException {
    if (folderOrNull == null) return config.folders().stream().map(FolderConfig::id).toList();
    if (config.folder(folderOrNull).isEmpty()) {
      throw new RpcException(RpcErrors.NOT_FOUND, "no folder '" + folderOrNull + "' is configured (ferry folder list)",
          java.util.Map.of("folder", folderOrNull));
    }
    return List.of(folderOrNull);
  }

  /** A database failure as the client sees it: the method failed, the message says what was read. */
  static RpcException storageFailure(String what, java.sql.SQLException e) {
    return new RpcException(RpcErrors.FAILED, "cannot read " + what + " from state.db: " + e.getMessage());
  }
}
