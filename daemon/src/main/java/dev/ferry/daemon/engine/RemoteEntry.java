package dev.ferry.daemon.engine;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.Json;
import java.util.Map;

/** A hub revision whose metadata was decrypted and checked; {@code inline} is plaintext or null. */
public record RemoteEntry(EntryMeta wire, PlainMeta meta, byte[] inline) {
  private static final JsonAdapter<Map<String, Long>> VV =
      Json.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Long.class));

  public String path() { return meta.path(); }

  public long rev() { return wire.rev(); }

  /** The index entry recording this revision as applied; {@code written}: what is on disk now (null: nothing). */
  IndexEntry indexEntry(LocalFile written) {
    PlainMeta m = meta;
    String vv = m.vv() == null ? "{}" : VV.toJson(m.vv());
    if (m.deleted() || written == null) {
      return new IndexEntry(path(), wire.entryId(), m.entryKind(), rev(), null, false, true, 0, 0, vv);
    }
    return new IndexEntry(path(), wire.entryId(), m.entryKind(), rev(), m.hash(), m.executable(), false,
        written.size(), written.mtimeNs(), vv);
  }
}
