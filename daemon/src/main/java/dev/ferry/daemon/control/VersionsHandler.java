package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.engine.RemoteEntry;
import dev.ferry.daemon.local.ContentHash;
import dev.ferry.daemon.remote.DeviceNames;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.VersionView;
import dev.ferry.ipc.methods.VersionsParams;
import dev.ferry.ipc.methods.VersionsResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/** {@code versions.list}: the revisions of one file the hub keeps, decrypted, newest first. */
public final class VersionsHandler implements RpcHandler {
  private final Folders folders;
  private final DeviceNames names;

  @Inject
  public VersionsHandler(Folders folders, DeviceNames names) {
    this.folders = folders;
    this.names = names;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    VersionsParams p = call.params(VersionsParams.class);
    FolderPaths.Located at = FolderPaths.locate(folders, p.path());
    try {
      List<RemoteEntry> revs = at.component().history().revisions(at.rel());
      if (revs.isEmpty()) throw new RpcException(RpcErrors.NOT_FOUND, "the hub keeps no version of " + p.path(), null);
      String here = currentHash(at.file());
      List<VersionView> out = new ArrayList<>();
      boolean marked = false; // a restore writes an old content anew: only the newest revision holding it is the file's
      for (RemoteEntry e : revs) {
        var m = e.meta();
        boolean current = !marked && here != null && !m.deleted() && here.equals(m.hash());
        marked |= current;
        out.add(new VersionView(e.rev(), m.deleted(), m.deleted() ? null : m.kind(), m.size(), Instant.ofEpochMilli(m.mtime()),
            m.device(), m.device() == null ? null : names.nameOf(m.device()), e.wire().modifiedAt(), m.deleted() ? null : m.hash(),
            current));
      }
      return new VersionsResult(at.folder().id(), at.rel(), out);
    } catch (HubException e) {
      throw HubFailures.toRpc("reading the versions of " + p.path(), e);
    } catch (IOException e) {
      throw new RpcException(RpcErrors.FAILED, "cannot list the versions of " + p.path() + ": " + e.getMessage(), null);
    }
  }

  static String currentHash(Path file) throws IOException {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? ContentHash.ofFile(file) : null;
  }
}
