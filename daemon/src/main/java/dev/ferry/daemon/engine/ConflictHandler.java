package dev.ferry.daemon.engine;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.core.Action;
import dev.ferry.daemon.core.ConflictNames;
import dev.ferry.daemon.core.ConflictResolution;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.VersionVector;
import dev.ferry.daemon.core.merge.ConflictCase;
import dev.ferry.daemon.core.merge.ConflictResolver;
import dev.ferry.daemon.local.ConflictRecords;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the conflicts a run meets: both this device and the hub changed a path since
 * their common revision. {@link ConflictResolver} decides from the folder's strategy (pure);
 * this class fetches what it needs (the three contents, the ancestor from the hub's history)
 * and executes the decision so that no content is lost (invariant 6): the remote content is a
 * hub revision already, and the local content ends under the name, in a conflict copy, or as a
 * hub revision of its own before anything replaces it.
 */
public final class ConflictHandler {
  private static final Logger log = LoggerFactory.getLogger(ConflictHandler.class);
  /** Larger files are not merged in memory: they keep both. */
  static final long MERGE_MAX_BYTES = 8L * 1024 * 1024;

  /**
   * What handling one conflict did: the index entry to record for the path (null: leave the
   * base as it is), the uploads it makes necessary (the merged file on top of the local
   * revision, a conflict copy), whether it waits for a person, and a line for the run's notes.
   */
  public record Outcome(IndexEntry upsert, List<Action.Upload> followUps, boolean needsPerson, int downloaded, String note) {}

  private final String folder;
  private final Path root;
  private final String deviceName;
  private final Clock clock;
  private final ConflictActions act;
  private final ConflictRecords records;

  ConflictHandler(String folder, Path root, String deviceName, Clock clock, ConflictActions act, ConflictRecords records) {
    this.folder = folder;
    this.root = root;
    this.deviceName = deviceName;
    this.clock = clock;
    this.act = act;
    this.records = records;
  }

  /**
   * Handles one conflict between {@code remote} (the hub's head) and {@code local} (this
   * device's file; null when deleted here), both descended from {@code base}.
   */
  public Outcome resolve(RemoteEntry remote, IndexEntry base, LocalFile local, ConflictStrategy strategy)
      throws IOException, SQLException {
    String path = remote.path();
    long baseRev = base == null ? 0 : base.rev();
    boolean bothFiles = local != null && local.kind() == EntryKind.FILE && !remote.meta().deleted()
        && remote.meta().entryKind() == EntryKind.FILE;
    if (!bothFiles) {
      // A file against a directory (a deletion never gets here: the modification wins before).
      String copy = copyName(path);
      IndexEntry e = act.keepRemoteWithCopy(remote, local, copy);
      return copyConflict(path, copy, remote.rev(), baseRev, "a file and a directory under one name", e, local != null);
    }
    // A remote revision this device's base already covers is old news, not a conflict.
    VersionVector remoteVv = VersionVector.fromMap(remote.meta().vv());
    VersionVector baseVv = ConflictActions.vv(base);
    if (base != null && !remoteVv.equals(VersionVector.empty()) && baseVv.dominates(remoteVv)) {
      log.info("{}: hub revision {} is already covered by this device's base; local version kept", path, remote.rev());
      return new Outcome(ConflictActions.remoteAsBase(remote, base), List.of(upload(path, remote.rev())), false, 0,
          path + ": hub revision " + remote.rev() + " was older than this device's; local version kept");
    }

    boolean merging = strategy == ConflictStrategy.MERGE
        && local.size() <= MERGE_MAX_BYTES && remote.meta().size() <= MERGE_MAX_BYTES;
    // Only a merge reads contents; the other strategies decide on metadata alone.
    byte[] ancestor = merging ? act.ancestorBytes(base) : null;
    byte[] localBytes = merging ? act.localBytes(local) : new byte[0];
    byte[] remoteBytes = merging ? act.remoteBytes(remote) : new byte[0];
    String remoteDevice = remote.meta().device() != null ? remote.meta().device()
        : remote.wire().modifiedBy() != null ? remote.wire().modifiedBy() : "unknown";
    ConflictCase c = new ConflictCase(path, ancestor, localBytes, remoteBytes, Instant.ofEpochSecond(0, local.mtimeNs()),
        Instant.ofEpochMilli(remote.meta().mtime()), act.deviceId(), remoteDevice, deviceName, clock.instant(), false);
    ConflictResolution r = strategy == ConflictStrategy.MERGE && !merging
        ? ConflictResolver.tooLargeToMerge(c, MERGE_MAX_BYTES) : ConflictResolver.decide(strategy, c);
    log.info("conflict on {} (base rev {}, hub rev {}): {}", path, baseRev, remote.rev(), r.reason());
    return execute(r, remote, base, local, remoteBytes);
  }

  private Outcome execute(ConflictResolution r, RemoteEntry remote, IndexEntry base, LocalFile local, byte[] remoteBytes)
      throws IOException, SQLException {
    String path = remote.path();
    long baseRev = base == null ? 0 : base.rev();
    if (r instanceof ConflictResolution.UseMerged m) {
      IndexEntry after = ConflictActions.remoteAsBase(remote, base);
      if (m.localRevisionFirst()) {
        after = act.uploadLocalRevision(remote, base, local);
        if (after == null) return retryLater(path);
      }
      try {
        act.writeBytes(path, m.merged(), local.executable(), local);
      } catch (dev.ferry.daemon.local.LocalChangedException changed) {
        // Edited again while we merged: the new edit goes up on top of the local revision.
        return new Outcome(ConflictActions.forgetStat(after), List.of(upload(path, after.rev())), false, 0,
            path + ": changed again while merging; the newest local version is uploaded");
      }
      return new Outcome(ConflictActions.forgetStat(after), List.of(upload(path, after.rev())), false, 0,
          path + ": " + r.reason() + " (hub rev " + remote.rev() + " and the local version merged)");
    }
    if (r instanceof ConflictResolution.KeepLocal) {
      return new Outcome(ConflictActions.remoteAsBase(remote, base), List.of(upload(path, remote.rev())), false, 0,
          path + ": " + r.reason() + " (hub rev " + remote.rev() + " stays in ferry versions)");
    }
    if (r instanceof ConflictResolution.KeepRemote k) {
      if (k.localCopyName() == null) {
        return new Outcome(ConflictActions.entryFor(remote, act.writeRemote(remote, local)), List.of(), false, 1,
            path + ": " + r.reason());
      }
      String copyName = freeName(k.localCopyName());
      IndexEntry e = act.keepRemoteWithCopy(remote, local, copyName);
      List<Action.Upload> follow = uploadOfCopy(copyName);
      return new Outcome(e, follow, false, 1, path + ": " + r.reason() + " (local version kept as " + copyName + ")");
    }
    if (r instanceof ConflictResolution.KeepBoth b) {
      String copyName = freeName(b.copyName());
      if (b.nameSide() == ConflictResolution.Side.REMOTE) {
        IndexEntry e = act.keepRemoteWithCopy(remote, local, copyName);
        return copyConflict(path, copyName, remote.rev(), baseRev, r.reason(), e, true);
      }
      // The local content keeps the name; the remote one is written beside it.
      LocalFile copy = act.writer().writeFile(copyName, out -> out.write(remoteBytes), remote.meta().hash(),
          remote.meta().executable(), remote.meta().mtime(), null);
      records.addCopy(new ConflictRecords.Copy(path, copyName, clock.instant(), remote.rev(), baseRev, r.reason()));
      List<Action.Upload> follow = new ArrayList<>(List.of(upload(path, remote.rev())));
      follow.add(new Action.Upload(copyName, 0, copy.version()));
      return new Outcome(ConflictActions.remoteAsBase(remote, base), follow, true, 0,
          "conflict: " + path + " (hub version kept as " + copyName + ")");
    }
    // Manual: nothing moves; the push leaves the path alone until ferry resolve.
    records.addWaiting(new ConflictRecords.Waiting(path, baseRev, remote.rev(), clock.instant(), r.reason()));
    log.warn("conflict on {} waits for ferry resolve (hub rev {})", path, remote.rev());
    return new Outcome(null, List.of(), true, 0, PushPhase.waitingNote(path));
  }

  private Outcome copyConflict(String path, String copy, long remoteRev, long baseRev, String reason, IndexEntry e,
      boolean copied) throws IOException, SQLException {
    if (!copied) return new Outcome(e, List.of(), false, 1, path + ": " + reason);
    records.addCopy(new ConflictRecords.Copy(path, copy, clock.instant(), remoteRev, baseRev, reason));
    log.warn("conflict on {}: kept the hub's version, local version saved as {}", path, copy);
    return new Outcome(e, uploadOfCopy(copy), true, 1, "conflict: " + path + " (local version kept as " + copy + ")");
  }

  private Outcome retryLater(String path) {
    log.info("{}: the hub moved on while resolving a conflict; the next run tries again", path);
    return new Outcome(null, List.of(), false, 0, path + ": changed on the hub again while resolving; next run");
  }

  private Action.Upload upload(String path, long onRev) throws IOException {
    LocalFile lf = FolderScanner.stat(root, path, null);
    return new Action.Upload(path, onRev, lf == null ? null : lf.version());
  }

  private List<Action.Upload> uploadOfCopy(String copy) throws IOException {
    LocalFile cf = FolderScanner.stat(root, copy, null);
    return cf == null ? List.of() : List.of(new Action.Upload(copy, 0, cf.version()));
  }

  private String copyName(String path) {
    return freeName(ConflictNames.copyName(path, deviceName, clock.instant()));
  }

  /**
   * {@code proposed}, or its first numbered form no file holds: a second conflict on one file
   * within the same second would otherwise find its copy's name taken and fail the run.
   */
  private String freeName(String proposed) {
    String name = proposed;
    for (int n = 2; Files.exists(root.resolve(name), LinkOption.NOFOLLOW_LINKS); n++) name = ConflictNames.numbered(proposed, n);
    return name;
  }

  /** Paths whose conflict waits for {@code ferry resolve}: the push must not upload them. */
  public Set<String> waitingPaths() throws SQLException {
    Set<String> out = new HashSet<>();
    for (ConflictRecords.Waiting w : records.waiting()) out.add(w.path());
    return out;
  }

  /** Forgets copy conflicts whose copy the user deleted: that is a resolution too. */
  public void forgetRemovedCopies() throws SQLException {
    for (ConflictRecords.Copy c : records.copies()) {
      if (!Files.exists(root.resolve(c.copyPath()), LinkOption.NOFOLLOW_LINKS)) {
        records.removeCopy(c.copyPath());
        log.info("conflict on {} resolved: its copy {} was removed", c.path(), c.copyPath());
      }
    }
  }

  String folder() { return folder; }
}
