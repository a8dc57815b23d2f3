package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.core.merge.FileKind;
import dev.ferry.daemon.core.merge.UnifiedDiff;
import dev.ferry.daemon.engine.FolderHistory;
import dev.ferry.daemon.engine.RemoteEntry;
import dev.ferry.daemon.local.ConflictRecords;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.ConflictDiffParams;
import dev.ferry.ipc.methods.ConflictDiffResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code conflicts.diff}: unified diffs between the local version, the hub's version and their
 * common ancestor (fetched from the hub's history) of a file in conflict. Read-only.
 */
public final class ConflictDiffHandler implements RpcHandler {
  /** Larger versions are described, not diffed. */
  static final long DIFF_MAX_BYTES = 2L * 1024 * 1024;
  /** Stands for a version larger than {@link #DIFF_MAX_BYTES} (compared by identity). */
  private static final byte[] TOO_LARGE = new byte[0];

  private final Folders folders;
  private final StateDb db;

  @Inject
  public ConflictDiffHandler(Folders folders, StateDb db) {
    this.folders = folders;
    this.db = db;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    ConflictDiffParams p = call.params(ConflictDiffParams.class);
    FolderPaths.Located at = FolderPaths.locate(folders, p.path());
    String folder = at.folder().id();
    FolderHistory history = at.component().history();
    try (Connection c = db.connect()) {
      ConflictRecords records = new ConflictRecords(c, folder);
      Optional<ConflictRecords.Copy> copy = records.copyNamed(at.rel());
      if (copy.isEmpty()) copy = records.copiesOf(at.rel()).stream().findFirst();
      byte[] local;
      byte[] remote;
      String localLabel;
      String remoteLabel;
      long ancestorRev;
      String path;
      String kind;
      if (copy.isPresent()) {
        ConflictRecords.Copy x = copy.get();
        path = x.path();
        kind = "copy";
        localLabel = x.copyPath();
        remoteLabel = x.path();
        local = read(at.folder().path(), x.copyPath());
        remote = read(at.folder().path(), x.path());
        ancestorRev = x.baseRev();
      } else {
        ConflictRecords.Waiting w = records.waitingFor(at.rel())
            .orElseThrow(() -> ConflictResolveHandler.noConflict(p.path(), at.rel()));
        path = w.path();
        kind = "manual";
        localLabel = w.path();
        local = read(at.folder().path(), w.path());
        RemoteEntry head = history.head(w.path());
        remoteLabel = head == null ? "hub (none)" : "hub rev " + head.rev();
        remote = head == null || head.meta().deleted() ? null
            : head.meta().size() > DIFF_MAX_BYTES ? TOO_LARGE : history.bytes(head);
        ancestorRev = w.baseRev();
      }
      byte[] ancestor = null;
      if (ancestorRev > 0) {
        try {
          RemoteEntry a = history.revision(path, ancestorRev);
          if (!a.meta().deleted()) ancestor = a.meta().size() > DIFF_MAX_BYTES ? TOO_LARGE : history.bytes(a);
        } catch (HubException e) {
          if (e.status() != 404) throw e;
          ancestorRev = 0; // past the hub's retention
        }
      }
      String ancestorLabel = "hub rev " + ancestorRev + " (common ancestor)";
      return new ConflictDiffResult(folder, path, kind, localLabel, remoteLabel, ancestor == null ? 0 : ancestorRev,
          diff(path, localLabel + " (local)", remoteLabel + " (remote)", local, remote),
          ancestor == null ? null : diff(path, ancestorLabel, localLabel + " (local)", ancestor, local),
          ancestor == null ? null : diff(path, ancestorLabel, remoteLabel + " (remote)", ancestor, remote));
    } catch (SQLException e) {
      throw FolderSelection.storageFailure("conflicts", e);
    } catch (HubException e) {
      throw HubFailures.toRpc("reading " + p.path() + " from the hub", e);
    } catch (IOException e) {
      throw new RpcException(RpcErrors.FAILED, "cannot diff " + p.path() + ": " + e.getMessage(), null);
    }
  }

  private static byte[] read(Path root, String rel) throws IOException {
    Path f = root.resolve(rel);
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) return null;
    return Files.size(f) > DIFF_MAX_BYTES ? TOO_LARGE : Files.readAllBytes(f);
  }

  /** A unified diff, or one line saying why there is none. */
  static String diff(String path, String fromLabel, String toLabel, byte[] from, byte[] to) {
    if (from == null || to == null) return "(" + (from == null ? fromLabel : toLabel) + " does not exist)";
    if (from == TOO_LARGE || to == TOO_LARGE) return "(larger than " + DIFF_MAX_BYTES / (1024 * 1024) + " MiB: not diffed)";
    if (FileKind.of(path, from, to) == FileKind.BINARY) {
      return "(binary: " + from.length + " and " + to.length + " bytes" + (java.util.Arrays.equals(from, to) ? ", equal)" : ", different)");
    }
    String d = UnifiedDiff.of(fromLabel, toLabel, FileKind.decode(from).orElseThrow(), FileKind.decode(to).orElseThrow(), 3);
    if (d == null) return "(too different to diff line by line)";
    return d.isEmpty() ? "(identical)" : d;
  }

}
