package dev.ferry.daemon.engine;

import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.protocol.EntryMeta;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder's file revisions as the hub keeps them (at least the last 10 and 30 days), read and
 * decrypted for {@code ferry versions}, {@code ferry restore} and {@code ferry conflicts diff}.
 * Read-only: safe to use from control handlers beside a running sync.
 */
public final class FolderHistory {
  private final String folder;
  private final HubClient hub;
  private final EntryCodec codec;
  private final ContentTransfer transfer;

  public FolderHistory(String folder, HubClient hub, EntryCodec codec) {
    this.folder = folder;
    this.hub = hub;
    this.codec = codec;
    this.transfer = new ContentTransfer(folder, hub, codec.crypto());
  }

  /** Every revision of {@code path} the hub keeps, newest first; empty when the hub never had it. */
  public List<RemoteEntry> revisions(String path) throws IOException {
    List<RemoteEntry> out = new ArrayList<>();
    try {
      for (EntryMeta m : hub.history(folder, codec.crypto().entryId(path)).revisions()) out.add(codec.open(m));
    } catch (HubException e) {
      if (e.status() == 404) return out;
      throw e;
    }
    return out;
  }

  /** Revision {@code rev} of {@code path}; a HubException with status 404 when the hub does not keep it. */
  public RemoteEntry revision(String path, long rev) throws IOException {
    return codec.open(hub.entry(folder, codec.crypto().entryId(path), rev));
  }

  /** The head revision of {@code path}, or null when the hub has none. */
  public RemoteEntry head(String path) throws IOException {
    try {
      return codec.open(hub.entry(folder, codec.crypto().entryId(path), null));
    } catch (HubException e) {
      if (e.status() == 404) return null;
      throw e;
    }
  }

  /** Writes a revision's plaintext to {@code out}, verified against its metadata hash. */
  public void content(RemoteEntry e, OutputStream out) throws IOException {
    transfer.download(e, out);
  }

  /** A revision's plaintext in memory. */
  public byte[] bytes(RemoteEntry e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    transfer.download(e, out);
    return out.toByteArray();
  }
}
