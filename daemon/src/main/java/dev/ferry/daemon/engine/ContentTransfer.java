package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.crypto.FolderCrypto;
import dev.ferry.daemon.local.ContentHash;
import dev.ferry.daemon.local.FastCdc;
import dev.ferry.daemon.local.LocalChangedException;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.protocol.EntryMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves file content between disk and hub. Large files are cut by content-defined chunking, so
 * a small edit re-sends only the chunks around it, and only chunks the hub lacks are sent.
 * Content is streamed chunk by chunk: memory stays bounded by the chunker's maximum.
 */
public final class ContentTransfer {
  /** Files up to this size travel inline in the entry (one request for many small files). */
  public static final int INLINE_MAX = 64 * 1024;

  private final String folder;
  private final HubClient hub;
  private final FolderCrypto crypto;
  final AtomicLong bytesUp = new AtomicLong();
  final AtomicLong bytesDown = new AtomicLong();
  private final RunProgress progress;

  public ContentTransfer(String folder, HubClient hub, FolderCrypto crypto) {
    this(folder, hub, crypto, new RunProgress());
  }

  /** {@code progress} counts the plaintext bytes read for upload and written by download. */
  public ContentTransfer(String folder, HubClient hub, FolderCrypto crypto, RunProgress progress) {
    this.folder = folder;
    this.hub = hub;
    this.crypto = crypto;
    this.progress = progress;
  }

  /** What a file's content became on the hub side. */
  public record Prepared(String hash, long size, byte[] inline, List<String> chunks) {}

  /**
   * Reads a file for upload: small files are returned inline; large ones are chunked, the
   * missing chunks uploaded, and the chunk list returned. {@code expectedHash} is the scan's
   * hash: if the content differs now, the file is being edited and is left for the next run.
   */
  public Prepared prepare(Path file, String rel, String expectedHash) throws IOException {
    long size = Files.size(file);
    if (size <= INLINE_MAX) {
      byte[] data = Files.readAllBytes(file);
      String hash = ContentHash.of(data);
      if (!hash.equals(expectedHash)) throw new LocalChangedException(rel);
      progress.bytes(data.length);
      return new Prepared(hash, data.length, data, null);
    }
    // Pass one: chunk ids and the whole-file hash; nothing is kept but the ids.
    MessageDigest digest = ContentHash.sha256();
    List<String> ids = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    long total = 0;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      FastCdc.ChunkReader reader = FastCdc.DEFAULT.chunks(in);
      while (reader.advance()) {
        byte[] c = reader.array();
        int off = reader.chunkStart();
        int len = reader.chunkLength();
        digest.update(c, off, len);
        total += len;
        ids.add(crypto.chunkId(c, off, len));
        lengths.add(len);
      }
    }
    String hash = ContentHash.hex(digest);
    if (!hash.equals(expectedHash)) throw new LocalChangedException(rel);
    Set<String> missing = new LinkedHashSet<>(hub.missingChunks(folder, new LinkedHashSet<>(ids)));
    if (!missing.isEmpty()) {
      // Pass two: seal and send only what the hub lacks, cut where pass one cut (no second
      // run of the chunker) and skipping the chunks the hub holds. A chunk that is sent must
      // still have its id: if the file changed meanwhile, it is left for the next run.
      byte[] c = new byte[FastCdc.DEFAULT.max()];
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        for (int i = 0; i < ids.size(); i++) {
          int len = lengths.get(i);
          String id = ids.get(i);
          progress.bytes(len);
          if (!missing.contains(id)) {
            in.skipNBytes(len);
            continue;
          }
          if (in.readNBytes(c, 0, len) != len || !crypto.chunkId(c, 0, len).equals(id)) throw new LocalChangedException(rel);
          missing.remove(id);
          byte[] sealed = crypto.sealChunk(id, c, 0, len);
          hub.putChunk(folder, id, sealed);
          bytesUp.addAndGet(sealed.length);
        }
      } catch (java.io.EOFException shorter) {
        throw new LocalChangedException(rel);
      }
    } else {
      progress.bytes(total); // every chunk is on the hub already: the file is done
    }
    return new Prepared(hash, total, null, ids);
  }

  /**
   * Writes the content of a remote file to {@code out}, verifying the plaintext hash; a
   * mismatch fails before the temp file is renamed into place, so nothing bad is written.
   */
  public void download(RemoteEntry e, OutputStream out) throws IOException {
    download(e, out, null);
  }

  /**
   * Like {@link #download(RemoteEntry, OutputStream)}, taking every chunk that {@code reuseFrom}
   * (the file's current local version, or null) already holds from disk instead of the hub:
   * after a small edit elsewhere, only the chunks around it travel down too. A chunk id is the
   * keyed HMAC of its plaintext, so an equal id is equal content, and the whole-file hash is
   * checked at the end regardless.
   */
  public void download(RemoteEntry e, OutputStream out, Path reuseFrom) throws IOException {
    MessageDigest digest = ContentHash.sha256();
    if (e.hasInline()) {
      byte[] plain = e.inline() != null ? e.inline() : inlineFromHub(e);
      bytesDown.addAndGet(e.inlineWireLength());
      digest.update(plain);
      out.write(plain);
      progress.bytes(plain.length);
    } else {
      LocalChunks local = LocalChunks.index(reuseFrom, crypto, e.wire().chunks());
      try {
        for (String id : e.wire().chunks()) {
          byte[] plain = local.read(id);
          if (plain == null) {
            byte[] sealed = hub.getChunk(folder, id);
            bytesDown.addAndGet(sealed.length);
            try {
              plain = crypto.openChunk(id, sealed);
            } catch (dev.ferry.daemon.crypto.CryptoException ex) {
              throw new SyncFailure(ErrorCategory.INVALID_DATA, "chunk " + id + " of " + e.path() + " refused: " + ex.getMessage(), ex);
            }
          }
          digest.update(plain);
          out.write(plain);
          progress.bytes(plain.length);
        }
      } finally {
        local.close();
      }
    }
    String got = ContentHash.hex(digest);
    if (!got.equals(e.meta().hash())) {
      throw new SyncFailure(ErrorCategory.INVALID_DATA, "content of " + e.path() + " does not match its metadata hash; not written");
    }
  }

  /**
   * The inline content of a revision opened before but not kept in memory, fetched again: that
   * very revision (its AAD binds entry id and rev), opened and checked again as the feed's entries
   * are, then checked by the whole-file hash. A revision the hub no longer keeps has a newer one,
   * which the next run brings: this one is left as a change made meanwhile.
   */
  private byte[] inlineFromHub(RemoteEntry e) throws IOException {
    EntryMeta m;
    try {
      m = hub.entry(folder, e.wire().entryId(), e.rev());
    } catch (HubException he) {
      if (he.status() == 404 || he.status() == 410) throw new RemoteChangedException(e.path(), e.rev());
      throw he;
    }
    RemoteEntry again = new EntryCodec(crypto).open(m);
    if (again.inline() == null) {
      throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub sent rev " + e.rev() + " of " + e.path() + " without its content");
    }
    bytesDown.addAndGet(again.inlineWireLength());
    return again.inline();
  }
}
