package dev.ferry.server.store;

import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One validated revision write. {@code baseRev} 0 means "the entry must not exist"
 * (If-None-Match: *), otherwise it must equal the head rev (If-Match). {@code idempotencyKey}
 * may be null.
 */
public record WriteCommand(String entryId, long baseRev, String idempotencyKey, EntryWrite write) {

  /**
   * A digest of what was asked, stored with the idempotency key so that a key reused for a
   * different request is told apart from a retry of the same one. It guards against a client's
   * bug, not an adversary (a device that reuses its own key can only confuse its own retries),
   * so the inline content, most of a request's bytes, enters as its length and CRC-32C, and
   * every other field whole, each with its length, into SHA-256. On a hub running the fast
   * compiler only, SHA-256 has no CPU instructions: hashing the whole request with it (the
   * formula of earlier hubs, {@link #legacyRequestHash()}) took half the hub's CPU in an upload
   * of 60 KB files. A CRC-32C is a CPU instruction on either compiler.
   */
  public byte[] requestHash() {
    MessageDigest md = sha256();
    md.update(V2);
    field(md, entryId);
    number(md, baseRev);
    md.update((byte) (write.deleted() ? 1 : 0));
    number(md, write.size());
    number(md, write.chunks().size());
    for (String id : write.chunks()) field(md, id);
    field(md, write.meta());
    if (write.inline() == null) {
      number(md, -1);
    } else {
      byte[] inline = write.inline().getBytes(StandardCharsets.UTF_8);
      CRC32C crc = new CRC32C();
      crc.update(inline);
      number(md, inline.length);
      number(md, crc.getValue());
    }
    return md.digest();
  }

  /**
   * The digest earlier hubs stored with a key: SHA-256 of the entry id, the base rev and the
   * write's JSON. A retry may reach this hub, after an upgrade, with a key an earlier one stored;
   * its formula is fixed (a test pins it).
   */
  byte[] legacyRequestHash() {
    MessageDigest md = sha256();
    md.update((entryId + "\n" + baseRev + "\n").getBytes(StandardCharsets.UTF_8));
    md.update(json(write));
    return md.digest();
  }

  /**
   * Whether the digest stored with this command's key is this request's ({@code requestHash},
   * computed beforehand), by this hub's formula or, for a key an earlier hub stored, by its own.
   */
  boolean sameRequest(byte[] stored, byte[] requestHash) {
    return MessageDigest.isEqual(stored, requestHash) || MessageDigest.isEqual(stored, legacyRequestHash());
  }

  private static final byte[] V2 = "ferry write v2\n".getBytes(StandardCharsets.US_ASCII);

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A string as its UTF-8 length and bytes, null as length -1: no two field lists run together. */
  private static void field(MessageDigest md, String s) {
    if (s == null) {
      number(md, -1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    number(md, b.length);
    md.update(b);
  }

  private static void number(MessageDigest md, long n) {
    for (int shift = 56; shift >= 0; shift -= 8) md.update((byte) (n >>> shift));
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
   * compiler only, that was most of the cost of a batch's hashes (when this formula was the
   * only one).
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
