package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.crypto.FolderCrypto;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.PathRules;
import com.squareup.moshi.JsonAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns hub entries into checked {@link RemoteEntry}s and local metadata into sealed wire
 * fields. Everything that arrives is distrusted: metadata must decrypt under its own entry id
 * and rev, its path must pass {@link PathRules} and hash to that entry id, and inline content
 * must decrypt; otherwise the run stops before anything is written.
 */
public final class EntryCodec {
  private static final JsonAdapter<PlainMeta> META = Json.adapter(PlainMeta.class);
  private final FolderCrypto crypto;

  public EntryCodec(FolderCrypto crypto) {
    this.crypto = crypto;
  }

  public FolderCrypto crypto() { return crypto; }

  public String sealMeta(String entryId, long rev, PlainMeta meta) {
    byte[] plain = META.toJson(meta).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(crypto.sealMeta(entryId, rev, plain));
  }

  public String sealInline(String entryId, long rev, byte[] plain) {
    return Base64.getEncoder().encodeToString(crypto.sealInline(entryId, rev, plain));
  }

  public RemoteEntry open(EntryMeta m) throws SyncFailure {
    try {
      if (m.meta() == null) throw new SyncFailure(ErrorCategory.INVALID_DATA, "hub sent entry " + m.entryId() + " without metadata");
      byte[] sealed = Base64.getDecoder().decode(m.meta());
      PlainMeta meta = META.fromJson(new String(crypto.openMeta(m.entryId(), m.rev(), sealed), StandardCharsets.UTF_8));
      if (meta == null || meta.path() == null) throw new SyncFailure(ErrorCategory.INVALID_DATA, "metadata of entry " + m.entryId() + " has no path");
      String path = PathRules.normalize(meta.path());
      if (!path.equals(meta.path()) || !crypto.entryId(path).equals(m.entryId())) {
        throw new SyncFailure(ErrorCategory.INVALID_DATA, "metadata of entry " + m.entryId() + " names a path of another entry");
      }
      if (!meta.deleted() && !"file".equals(meta.kind()) && !"dir".equals(meta.kind())) {
        throw new SyncFailure(ErrorCategory.INVALID_DATA, "metadata of entry " + m.entryId() + " has unknown kind " + meta.kind());
      }
      byte[] inline = null;
      if (!meta.deleted() && m.inline() != null) {
        inline = crypto.openInline(m.entryId(), m.rev(), Base64.getDecoder().decode(m.inline()));
      }
      // The ciphertext is not kept: a pull holds every entry of the feed until it has decided,
      // and the base64 beside the plaintext more than doubled what that costs.
      EntryMeta opened = new EntryMeta(m.entryId(), m.rev(), m.seq(), m.deleted(), m.size(), m.chunks(), null, null,
          m.modifiedBy(), m.modifiedAt());
      return new RemoteEntry(opened, meta, inline, inline == null ? 0 : m.inline().length());
    } catch (SyncFailure e) {
      throw e;
    } catch (RuntimeException | java.io.IOException | dev.ferry.daemon.crypto.CryptoException e) {
      // Decryption failures, bad base64, malformed JSON, bad paths: all say the hub's data is not ours.
      throw new SyncFailure(ErrorCategory.INVALID_DATA,
          "refused entry " + m.entryId() + " rev " + m.rev() + " from the hub: " + e.getMessage(), e);
    }
  }
}
