package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.ConflictNames;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.local.ConflictRecords;
import dev.ferry.daemon.local.ConflictRecords.Keep;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalChangedException;
import dev.ferry.daemon.local.LocalFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what {@code ferry resolve PATH --keep local|remote|both} recorded, at the start of
 * the folder's next run (on its own thread, so no run is moving files at the same time). The
 * run's push then sends the result. Nothing is lost: a losing local version becomes a hub
 * revision first, a deleted conflict copy stays in {@code ferry versions}.
 */
final class ResolveDecisions {
  private static final Logger log = LoggerFactory.getLogger(ResolveDecisions.class);

  private final Path root;
  private final String deviceName;
  private final Clock clock;
  private final ConflictActions act;
  private final ConflictRecords records;
  private final FolderIndex index;

  ResolveDecisions(Path root, String deviceName, Clock clock, ConflictActions act, ConflictRecords records, FolderIndex index) {
    this.root = root;
    this.deviceName = deviceName;
    this.clock = clock;
    this.act = act;
    this.records = records;
    this.index = index;
  }

  /** Applies every recorded decision; returns a note per decision for the run's report. */
  List<String> apply() throws IOException, SQLException {
    List<String> notes = new ArrayList<>();
    List<ConflictRecords.Decision> decisions = records.decisions();
    if (decisions.isEmpty()) return notes;
    Map<String, IndexEntry> base = index.load();
    for (ConflictRecords.Decision d : decisions) {
      String note;
      try {
        if (records.waitingFor(d.path()).isPresent()) {
          note = applyToWaiting(d.path(), d.keep(), base.get(d.path()));
        } else if (!records.copiesOf(d.path()).isEmpty()) {
          note = applyToCopies(d.path(), d.keep());
        } else {
          note = d.path() + ": no conflict waits any more; nothing to resolve";
        }
      } catch (LocalChangedException changed) {
        note = d.path() + ": not resolved, the file changed meanwhile; look again and run ferry resolve again";
      }
      if (note != null) {
        records.removeDecision(d.path());
        log.info("resolve {} --keep {}: {}", d.path(), d.keep().wireName(), note);
        notes.add(note);
      }
    }
    return notes;
  }

  /** A manual conflict: the file still holds the local content; the hub's head is the remote one. */
  private String applyToWaiting(String path, Keep keep, IndexEntry base) throws IOException, SQLException {
    RemoteEntry head = act.head(path);
    LocalFile lf = FolderScanner.stat(root, path, base);
    if (head == null) {
      records.removeWaiting(path);
      return path + ": the hub has no version any more; the local one stays and is uploaded";
    }
    boolean remoteLive = !head.meta().deleted();
    boolean localFile = lf != null && lf.kind() == EntryKind.FILE;
    IndexEntry after;
    String note;
    if (keep == Keep.LOCAL || (keep == Keep.BOTH && (!remoteLive || !localFile))) {
      after = ConflictActions.remoteAsBase(head, base);
      note = path + ": local version kept; the hub's rev " + head.rev() + " stays in ferry versions";
    } else if (keep == Keep.BOTH) {
      String copy = ConflictNames.copyName(path, deviceName, clock.instant());
      after = act.keepRemoteWithCopy(head, lf, copy);
      note = path + ": hub version under the name, local version kept as " + copy;
    } else if (!localFile) {
      after = remoteLive && head.meta().entryKind() == EntryKind.FILE
          ? ConflictActions.entryFor(head, act.writeRemote(head, lf)) : ConflictActions.remoteAsBase(head, base);
      note = path + ": hub version kept";
    } else {
      // Keep remote: the local content becomes a hub revision first, then the remote content takes the name.
      IndexEntry localRev = act.uploadLocalRevision(head, base, lf);
      if (localRev == null) return null; // the hub moved on: try again next run
      if (remoteLive) act.writeRemote(head, lf);
      else act.writer().deleteFile(path, lf);
      after = ConflictActions.forgetStat(localRev);
      note = path + ": hub version kept; the local version is rev " + localRev.rev() + " in ferry versions";
    }
    index.commit(List.of(after), null, null);
    records.removeWaiting(path);
    return note;
  }

  /** A copy conflict: the name holds the hub's version, the newest copy the local one. */
  private String applyToCopies(String path, Keep keep) throws IOException, SQLException {
    List<ConflictRecords.Copy> copies = records.copiesOf(path);
    String note;
    if (keep == Keep.BOTH) {
      note = path + ": both versions kept";
    } else {
      if (keep == Keep.LOCAL) {
        ConflictRecords.Copy newest = copies.get(0);
        LocalFile cf = FolderScanner.stat(root, newest.copyPath(), null);
        if (cf != null && cf.kind() == EntryKind.FILE) {
          LocalFile nf = FolderScanner.stat(root, path, null);
          Path from = act.writer().resolveSafe(newest.copyPath());
          act.writer().writeFile(path, out -> Files.copy(from, out), cf.hash(), cf.executable(), 0, nf);
        }
      }
      // The copies go; each stays in ferry versions as the file it was synced as. A copy not
      // on the hub yet stays (its bytes would exist nowhere else), unless it is now the name's content.
      Map<String, IndexEntry> synced = index.load();
      for (int i = 0; i < copies.size(); i++) {
        ConflictRecords.Copy c = copies.get(i);
        LocalFile cf = FolderScanner.stat(root, c.copyPath(), synced.get(c.copyPath()));
        if (cf == null || cf.kind() != EntryKind.FILE) continue;
        IndexEntry ie = synced.get(c.copyPath());
        boolean onHub = ie != null && !ie.deleted() && cf.hash().equals(ie.hash());
        if (onHub || (keep == Keep.LOCAL && i == 0)) act.writer().deleteFile(c.copyPath(), cf);
      }
      note = path + (keep == Keep.LOCAL ? ": local version (from " + copies.get(0).copyPath() + ") kept"
          : ": hub version kept") + "; conflict copies removed (they stay in ferry versions)";
    }
    records.removeCopiesOf(path);
    return note;
  }
}
