package dev.ferry.daemon.engine;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.Json;
import java.util.Map;

/**
 * A hub revision whose metadata was decrypted and checked. {@code wire} keeps the entry's ids,
 * sizes and chunk ids but not its ciphertext, which is only needed to open it. {@code inline}
 * is the plaintext of inline content, or null: no inline content (chunks, a directory, a
 * tombstone), or content checked and then left on the hub ({@link #inlineLeftOnHub()}).
 * {@code inlineWireLength}: the length of the inline ciphertext as the hub sent it (0: none).
 */
public record RemoteEntry(EntryMeta wire, PlainMeta meta, byte[] inline, int inlineWireLength) {
  private static final JsonAdapter<Map<String, Long>> VV =
      Json.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Long.class));

  public String path() { return meta.path(); }

  public long rev() { return wire.rev(); }

  /** Whether this revision's content travels inline (in its metadata), not in chunks. */
  public boolean hasInline() { return inlineWireLength > 0; }

  /** Inline content that was checked when opened but not kept: fetched again when written. */
  public boolean inlineLeftOnHub() { return inline == null && inlineWireLength > 0; }

  /** This revision without its inline plaintext, which stays on the hub until it is written. */
  public RemoteEntry withoutInline() {
    return inline == null ? this : new RemoteEntry(wire, meta, null, inlineWireLength);
  }

  /** The index entry recording this revision as applied; {@code written}: what is on disk now (null: nothing). */
  IndexEntry indexEntry(LocalFile written) {
    PlainMeta m = meta;
    String vv = m.vv() == null ? "{}" : VV.toJson(m.vv());
    if (m.deleted() || written == null) {
      return new IndexEntry(path(), wire.entryId(), m.entryKind(), rev(), null, false, true, 0, 0, 0, vv);
    }
    return new IndexEntry(path(), wire.entryId(), m.entryKind(), rev(), m.hash(), m.executable(), false,
        written.size(), written.mtimeNs(), written.ctimeNs(), vv);
  }
}
