package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.RemoteEntry;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.FolderWriter;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalChangedException;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.RestoreParams;
import dev.ferry.ipc.methods.RestoreResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.inject.Inject;

/**
 * {@code versions.restore}: brings a revision from the hub's history back, over the file (which
 * the folder then syncs as a new revision, so the replaced content stays in the history too)
 * or into a separate file. It never overwrites content that exists nowhere else: a file with
 * changes not synced yet, or an existing {@code --to} target, is refused.
 */
public final class RestoreHandler implements RpcHandler {
  private final Folders folders;

  @Inject
  public RestoreHandler(Folders folders) {
    this.folders = folders;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    RestoreParams p = call.params(RestoreParams.class);
    FolderPaths.Located at = FolderPaths.locate(folders, p.path());
    Path to = p.to() == null ? null : checkTarget(p.to());
    try {
      RemoteEntry e = pick(at, p.rev());
      if (to != null) {
        writeOutside(at, e, to);
        return new RestoreResult(at.folder().id(), at.rel(), e.rev(), to.toString(), e.meta().size());
      }
      IndexEntry base = at.component().index().load().get(at.rel());
      LocalFile now = FolderScanner.stat(at.folder().path(), at.rel(), base);
      if (now != null && now.kind() != dev.ferry.daemon.core.EntryKind.FILE) {
        throw new RpcException(RpcErrors.INVALID_STATE, p.path() + " is a directory here", null);
      }
      boolean synced = now == null ? base == null || base.deleted() : base != null && !base.deleted() && now.hash().equals(base.hash());
      if (!synced) {
        throw new RpcException(RpcErrors.INVALID_STATE, p.path() + " has changes not synced yet; run ferry sync first, "
            + "or restore into another file with --to FILE", null);
      }
      FolderWriter writer = new FolderWriter(at.folder().path());
      writer.writeFile(at.rel(), out -> at.component().history().content(e, out), e.meta().hash(), e.meta().executable(),
          0, now);
      // The restored content goes up as a new revision on top of the head.
      folders.runner(at.folder().id()).ifPresent(r -> r.request(new SyncRequest(SyncDirection.BOTH, false, false, "manual")));
      return new RestoreResult(at.folder().id(), at.rel(), e.rev(), at.file().toString(), e.meta().size());
    } catch (LocalChangedException e) {
      throw new RpcException(RpcErrors.INVALID_STATE, p.path() + " changed while restoring; nothing was overwritten", null);
    } catch (HubException e) {
      throw HubFailures.toRpc("restoring " + p.path(), e);
    } catch (IOException e) {
      throw new RpcException(RpcErrors.FAILED, "cannot restore " + p.path() + ": " + e.getMessage(), null);
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("the folder index", e);
    }
  }

  /** The asked revision, or the newest one with content that differs from the file here. */
  private static RemoteEntry pick(FolderPaths.Located at, Long rev) throws IOException, RpcException {
    if (rev != null) {
      if (rev < 1) throw new RpcException(RpcErrors.INVALID_PARAMS, "--rev must be 1 or more, was " + rev, null);
      RemoteEntry e;
      try {
        e = at.component().history().revision(at.rel(), rev);
      } catch (HubException ex) {
        if (ex.status() == 404) throw new RpcException(RpcErrors.NOT_FOUND, "the hub keeps no rev " + rev + " of " + at.file()
            + " (ferry versions)", null);
        throw ex;
      }
      if (e.meta().deleted()) throw new RpcException(RpcErrors.INVALID_PARAMS, "rev " + rev + " of " + at.file()
          + " is a deletion; pick a revision with content (ferry versions)", null);
      if (e.meta().entryKind() != dev.ferry.daemon.core.EntryKind.FILE) {
        throw new RpcException(RpcErrors.INVALID_PARAMS, at.file() + " is a directory on the hub", null);
      }
      return e;
    }
    String here = VersionsHandler.currentHash(at.file());
    List<RemoteEntry> revs = at.component().history().revisions(at.rel());
    for (RemoteEntry e : revs) {
      if (!e.meta().deleted() && e.meta().entryKind() == dev.ferry.daemon.core.EntryKind.FILE && !e.meta().hash().equals(here)) {
        return e;
      }
    }
    throw new RpcException(RpcErrors.NOT_FOUND, "the hub keeps no other version of " + at.file() + " (ferry versions)", null);
  }

  /**
   * The {@code --to} file, checked before the hub is asked anything: a new file in a directory
   * that exists. Its directory is never created: a mistyped path would leave a tree of
   * directories behind, and the file where nobody looks for it.
   */
  private static Path checkTarget(String raw) throws RpcException {
    Path to = Path.of(raw);
    if (!to.isAbsolute()) throw new RpcException(RpcErrors.INVALID_PARAMS, "--to must be an absolute path: " + raw, null);
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      throw new RpcException(RpcErrors.INVALID_STATE, to + " exists already; choose a new file for --to", null);
    }
    Path dir = to.getParent();
    if (dir == null) throw new RpcException(RpcErrors.INVALID_PARAMS, "--to must name a file, not " + raw, null);
    if (!Files.exists(dir)) {
      throw new RpcException(RpcErrors.NOT_FOUND, "no such directory: " + dir + " (where --to " + to
          + " would go; restore creates no directories)", null);
    }
    if (!Files.isDirectory(dir)) {
      throw new RpcException(RpcErrors.INVALID_STATE, "not a directory: " + dir + " (where --to " + to + " would go)", null);
    }
    return to;
  }

  private static void writeOutside(FolderPaths.Located at, RemoteEntry e, Path to) throws IOException {
    Path dir = to.getParent();
    Path tmp = Files.createTempFile(dir, ".ferry-restore-", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        at.component().history().content(e, out);
      }
      // No REPLACE_EXISTING: a file that appeared meanwhile is not overwritten (same directory: a rename).
      Files.move(tmp, to);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
