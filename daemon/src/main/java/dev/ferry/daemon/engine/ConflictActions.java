package dev.ferry.daemon.engine;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.VersionVector;
import dev.ferry.daemon.local.ContentHash;
import dev.ferry.daemon.local.FolderWriter;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalChangedException;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.daemon.remote.WriteOutcome;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The building blocks conflict handling is made of, each keeping every content reachable: read
 * a side's bytes, fetch the common ancestor from the hub's history, keep the local content as a
 * hub revision before something else takes the name, move the local file aside as a conflict
 * copy. Shared by {@link ConflictHandler} (conflicts a run meets) and {@link ResolveDecisions}
 * (what {@code ferry resolve} asked for).
 */
final class ConflictActions {
  private static final JsonAdapter<Map<String, Long>> VV =
      Json.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Long.class));

  private final String folder;
  private final Path root;
  private final String deviceId;
  private final HubClient hub;
  private final EntryCodec codec;
  private final FolderWriter writer;
  private final ContentTransfer transfer;

  ConflictActions(String folder, Path root, String deviceId, HubClient hub, EntryCodec codec, FolderWriter writer,
      ContentTransfer transfer) {
    this.folder = folder;
    this.root = root;
    this.deviceId = deviceId;
    this.hub = hub;
    this.codec = codec;
    this.writer = writer;
    this.transfer = transfer;
  }

  FolderWriter writer() { return writer; }

  String deviceId() { return deviceId; }

  /** The local file's bytes, provided they are still what the scan saw. */
  byte[] localBytes(LocalFile lf) throws IOException {
    byte[] data = Files.readAllBytes(writer.resolveSafe(lf.path()));
    if (!ContentHash.of(data).equals(lf.hash())) throw new LocalChangedException(lf.path());
    return data;
  }

  /** A remote revision's plaintext, verified against its metadata hash. */
  byte[] remoteBytes(RemoteEntry e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(e.meta().size(), 0), 1 << 20));
    transfer.download(e, out);
    return out.toByteArray();
  }

  /**
   * The content of {@code base}'s revision from the hub's history, or null when there is no
   * such content (no base, a tombstone, a directory) or the hub no longer keeps it.
   */
  byte[] ancestorBytes(IndexEntry base) throws IOException {
    if (base == null || base.deleted() || base.kind() != EntryKind.FILE || base.rev() < 1) return null;
    RemoteEntry a;
    try {
      a = codec.open(hub.entry(folder, base.entryId(), base.rev()));
    } catch (HubException e) {
      if (e.status() == 404 || e.status() == 410) return null; // past retention: no three-way merge
      throw e;
    }
    if (a.meta().deleted() || a.meta().entryKind() != EntryKind.FILE) return null;
    return remoteBytes(a);
  }

  /** The head revision of {@code path} on the hub, decrypted, or null when the hub has none. */
  RemoteEntry head(String path) throws IOException {
    try {
      return codec.open(hub.entry(folder, codec.crypto().entryId(path), null));
    } catch (HubException e) {
      if (e.status() == 404) return null;
      throw e;
    }
  }

  /**
   * Uploads the local file as the revision after {@code head}, so its exact bytes stay in
   * {@code ferry versions} whatever takes the name next. Returns the index entry of that
   * revision, or null when the hub moved on meanwhile (nothing was written; a later run
   * meets the conflict again).
   */
  IndexEntry uploadLocalRevision(RemoteEntry head, IndexEntry base, LocalFile lf) throws IOException {
    String path = lf.path();
    String entryId = head.wire().entryId();
    long rev = head.rev() + 1;
    VersionVector vv = vv(base).merge(VersionVector.fromMap(head.meta().vv())).increment(deviceId);
    ContentTransfer.Prepared c = transfer.prepare(writer.resolveSafe(path), path, lf.hash());
    PlainMeta meta = new PlainMeta(PlainMeta.VERSION, path, "file", false, lf.executable(), lf.mtimeNs() / 1_000_000, c.size(),
        c.hash(), vv.toMap(), deviceId);
    String inline = c.inline() == null ? null : codec.sealInline(entryId, rev, c.inline());
    if (inline != null) transfer.bytesUp.addAndGet(inline.length());
    EntryWrite write = new EntryWrite(false, inline != null ? inline.length() : c.size(),
        c.chunks() == null ? List.of() : c.chunks(), inline, codec.sealMeta(entryId, rev, meta));
    WriteOutcome out = hub.putEntry(folder, entryId, head.rev(), UUID.randomUUID().toString(), write);
    if (out instanceof WriteOutcome.Conflict) return null;
    return new IndexEntry(path, entryId, EntryKind.FILE, rev, c.hash(), lf.executable(), false, lf.size(), lf.mtimeNs(),
        lf.ctimeNs(), VV.toJson(vv.toMap()));
  }

  /**
   * Moves the local file to {@code copy} and writes {@code e} under the name: both stay as
   * files, the copy is uploaded as a new file by the push. Returns the index entry for the name.
   */
  IndexEntry keepRemoteWithCopy(RemoteEntry e, LocalFile lf, String copy) throws IOException {
    if (lf != null && e.meta().version() != null && e.meta().entryKind() == EntryKind.FILE) {
      // The hub's bytes land first; the local file is renamed to its copy only once they are there.
      return entryFor(e, writeRemote(e, lf, copy));
    }
    if (lf != null) writer.moveAside(e.path(), copy, lf);
    if (e.meta().version() == null) return entryFor(e, null);
    if (e.meta().entryKind() == EntryKind.DIR) return entryFor(e, writer.mkdir(e.path()));
    return entryFor(e, writeRemote(e, null));
  }

  /** Writes {@code e}'s content under its name if the file still is {@code expected}. */
  LocalFile writeRemote(RemoteEntry e, LocalFile expected) throws IOException {
    return writeRemote(e, expected, null);
  }

  /** Writes {@code e}'s content under its name, moving the file there ({@code expected}) to {@code copyOrNull} first. */
  private LocalFile writeRemote(RemoteEntry e, LocalFile expected, String copyOrNull) throws IOException {
    return writer.writeFileMovingAside(e.path(), copyOrNull, out -> transfer.download(e, out), e.meta().hash(),
        e.meta().executable(), e.meta().mtime(), expected);
  }

  /** Writes {@code bytes} under {@code path} if the file still is {@code expected}. */
  LocalFile writeBytes(String path, byte[] bytes, boolean executable, LocalFile expected) throws IOException {
    return writer.writeFile(path, out -> out.write(bytes), ContentHash.of(bytes), executable, 0, expected);
  }

  /** The index entry recording {@code e} as what this device last synced and {@code written} as its file. */
  static IndexEntry entryFor(RemoteEntry e, LocalFile written) {
    PlainMeta m = e.meta();
    String vv = m.vv() == null ? "{}" : VV.toJson(m.vv());
    if (m.deleted() || written == null) {
      return new IndexEntry(e.path(), e.wire().entryId(), m.entryKind(), e.rev(), null, false, true, 0, 0, 0, vv);
    }
    return new IndexEntry(e.path(), e.wire().entryId(), m.entryKind(), e.rev(), m.hash(), m.executable(), false,
        written.size(), written.mtimeNs(), written.ctimeNs(), vv);
  }

  /**
   * {@code e} as the base while the local file holds something else: the push then uploads the
   * local content on top of {@code e}. Size -1 makes the next scan hash the file rather than
   * trust the base's hash for it.
   */
  static IndexEntry remoteAsBase(RemoteEntry e, IndexEntry base) {
    PlainMeta m = e.meta();
    VersionVector vv = VersionVector.fromMap(m.vv()).merge(vv(base));
    return new IndexEntry(e.path(), e.wire().entryId(), m.entryKind(), e.rev(), m.deleted() ? null : m.hash(),
        m.executable(), m.deleted(), -1, 0, 0, VV.toJson(vv.toMap()));
  }

  /** {@code entry} with its stat forgotten, so the next scan hashes the file. */
  static IndexEntry forgetStat(IndexEntry entry) {
    return new IndexEntry(entry.path(), entry.entryId(), entry.kind(), entry.rev(), entry.hash(), entry.executable(),
        entry.deleted(), -1, 0, 0, entry.versionVector());
  }

  static VersionVector vv(IndexEntry base) {
    if (base == null || base.versionVector() == null) return VersionVector.empty();
    try {
      Map<String, Long> m = VV.fromJson(base.versionVector());
      return VersionVector.fromMap(m);
    } catch (IOException | RuntimeException e) {
      return VersionVector.empty(); // an unreadable vector only weakens the ordering check
    }
  }
}
