package dev.ferry.server.store;

import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * One validated revision write. {@code baseRev} 0 means "the entry must not exist"
 * (If-None-Match: *), otherwise it must equal the head rev (If-Match). {@code idempotencyKey}
 * may be null.
 */
public record WriteCommand(String entryId, long baseRev, String idempotencyKey, EntryWrite write) {

  /**
   * A digest of what was asked, stored with the idempotency key so that a key reused for a
   * different request is told apart from a retry of the same one: SHA-256 of the entry id, the
   * base rev and the write's JSON. The formula is fixed: a retry may reach a hub of a later
   * version than the one that stored the key.
   */
  public byte[] requestHash() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((entryId + "\n" + baseRev + "\n").getBytes(StandardCharsets.UTF_8));
      md.update(json(write));
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #requestHash()} of each command that carries a key, null for the others; computed before a store takes its lock. */
  static List<byte[]> requestHashes(List<WriteCommand> commands) {
    List<byte[]> hashes = new ArrayList<>(commands.size());
    for (WriteCommand c : commands) hashes.add(c.idempotencyKey() == null ? null : c.requestHash());
    return hashes;
  }

  /**
   * The write's JSON exactly as the protocol's adapter writes it (components in order, a null
   * {@code inline} or {@code meta} left out), built by concatenation when no string needs an
   * escape: always, for a write the API has validated (base64 and hex only). The adapter walks
   * every character through its escaper and a UTF-8 encoder; on a hub running the fast
   * compiler only, that was most of the cost of a batch's hashes.
   */
  static byte[] json(EntryWrite w) {
    if (!plain(w.inline()) || !plain(w.meta())) return adapterJson(w);
    for (String id : w.chunks()) if (id == null || !plain(id)) return adapterJson(w);
    StringBuilder sb = new StringBuilder(64 + length(w.inline()) + length(w.meta()) + 67 * w.chunks().size());
    sb.append("{\"deleted\":").append(w.deleted()).append(",\"size\":").append(w.size()).append(",\"chunks\":[");
    for (int i = 0; i < w.chunks().size(); i++) {
      if (i > 0) sb.append(',');
      sb.append('"').append(w.chunks().get(i)).append('"');
    }
    sb.append(']');
    if (w.inline() != null) sb.append(",\"inline\":\"").append(w.inline()).append('"');
    if (w.meta() != null) sb.append(",\"meta\":\"").append(w.meta()).append('"');
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] adapterJson(EntryWrite w) {
    return Json.write(EntryWrite.class, w).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the adapter writes {@code s} between quotes as it is (null: left out, so no escape either). */
  private static boolean plain(String s) {
    if (s == null) return true;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch == '"' || ch == '\\' || ch == '\u2028' || ch == '\u2029' || Character.isSurrogate(ch)) return false;
    }
    return true;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
