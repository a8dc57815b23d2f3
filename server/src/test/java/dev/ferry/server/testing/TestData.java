package dev.ferry.server.testing;

import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Well-formed ids and entry bodies for tests; the hub never looks inside the ciphertext. */
public final class TestData {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestData() {}

  /** A random entry id (64 lowercase hex). */
  public static String entryId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A content-derived chunk id (SHA-256 hex of the bytes; real clients use a keyed HMAC). */
  public static String chunkId(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** An EntryWrite with inline content, as JSON. */
  public static String inline(String content) {
    return Json.write(EntryWrite.class, new EntryWrite(false, content.length(), List.of(), b64(content), b64("meta:" + content)));
  }

  /** An EntryWrite that references chunks, as JSON. */
  public static String chunked(long size, List<String> chunks) {
    return Json.write(EntryWrite.class, new EntryWrite(false, size, chunks, null, b64("meta")));
  }

  /** A tombstone, as JSON. */
  public static String tombstone() {
    return Json.write(EntryWrite.class, new EntryWrite(true, 0, List.of(), null, b64("meta:deleted")));
  }
}
