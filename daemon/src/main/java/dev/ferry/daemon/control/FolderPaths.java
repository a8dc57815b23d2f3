package dev.ferry.daemon.control;

import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.di.FolderComponent;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Turns a file path from the command line into its folder and its path inside the folder. */
final class FolderPaths {
  private FolderPaths() {}

  /** A file inside a configured folder: {@code rel} uses '/' and is what the hub knows it by. */
  record Located(FolderConfig folder, String rel, FolderComponent component) {
    Path file() { return folder.path().resolve(rel); }
  }

  /** Finds the folder holding the absolute {@code path}; INVALID_PARAMS or NOT_FOUND that name the path otherwise. */
  static Located locate(Folders folders, String path) throws RpcException {
    if (path == null || path.isBlank()) throw new RpcException(RpcErrors.INVALID_PARAMS, "a file path is required", null);
    Path p = Path.of(path);
    if (!p.isAbsolute()) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, "path must be absolute (the ferry command makes it so): " + path, null);
    }
    p = realParent(p.normalize());
    for (FolderConfig f : folders.configs().values()) {
      Path root = real(f.path().toAbsolutePath().normalize());
      if (!p.startsWith(root) || p.equals(root)) continue;
      String rel = root.relativize(p).toString().replace('\\', '/');
      if (FolderScanner.isInternal(rel)) {
        throw new RpcException(RpcErrors.INVALID_PARAMS, path + " is Ferry's own file, not synced", null);
      }
      FolderComponent c = folders.component(f.id()).orElseThrow(() -> new RpcException(RpcErrors.FAILED,
          "folder " + f.id() + " cannot be used: " + folders.setupError(f.id()).orElse("not set up"), null));
      return new Located(f, rel, c);
    }
    throw new RpcException(RpcErrors.NOT_FOUND, path + " is not inside a synced folder (ferry folder list)", Map.of("path", path));
  }

  /** The path with its directory resolved through symlinks (the file itself may be gone). */
  private static Path realParent(Path p) {
    Path parent = p.getParent();
    return parent == null ? p : real(parent).resolve(p.getFileName());
  }

  private static Path real(Path p) {
    try {
      return Files.exists(p) ? p.toRealPath() : p;
    } catch (IOException e) {
      return p;
    }
  }
}
