package dev.ferry.daemon.crypto;

import dev.ferry.protocol.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * All cryptography of one folder: keyed ids for paths and chunks, and sealing of chunks,
 * inline content and metadata. Thread-safe; one instance per folder.
 *
 * <p>Subkeys come from the folder key by HKDF-SHA256 (content, metadata, entry-id, chunk-id),
 * so no key is used for two purposes. Every sealed blob has the same layout:
 * <pre>
 *   0x01 | nonce (12) | AES-256-GCM( flag (0 raw, 1 gzip) | body ) | tag (16)
 * </pre>
 * The compression flag sits inside the ciphertext, so the hub learns nothing from it. The
 * associated data binds every blob to its place: a chunk to folder and chunk id, inline
 * content and metadata to folder, entry id and revision. A hub that moves, swaps or replays a
 * blob gets a {@link TamperedException} from the device, never wrong content.
 *
 * <p>{@link Cipher} and {@link Mac} instances are kept per thread and reused: creating them is
 * far more expensive than using them (see ARCHITECTURE.md, costs).
 */
public final class FolderCrypto {
  static final byte VERSION = 0x01;
  static final int NONCE = 12;
  static final int TAG = 16;
  private static final int HEADER = 1 + NONCE;
  /** Bytes a sealed blob adds to an uncompressed body: version, nonce, flag, tag. */
  public static final int OVERHEAD = HEADER + 1 + TAG;
  /** Largest plaintext of one sealed blob; also the cap on decompression (bomb guard). */
  public static final int MAX_PLAINTEXT_BYTES = 64 * 1024 * 1024;
  static final byte RAW = 0;
  static final byte GZIP = 1;
  /** Per-thread scratch buffers up to this size are kept; larger ones are one-off. */
  private static final int RETAINED_SCRATCH = 2 * 1024 * 1024 + 64;

  private final String folderId;
  private final long compressOver;
  private final SecretKeySpec contentKey;
  private final SecretKeySpec metaKey;
  private final SecretKeySpec entryIdKey;
  private final SecretKeySpec chunkIdKey;
  private final byte[] chunkAad;
  private final byte[] inlineAad;
  private final byte[] metaAad;
  private final SecureRandom random = new SecureRandom();
  private final ThreadLocal<Worker> workers = ThreadLocal.withInitial(this::newWorker);

  /**
   * @param folderId the folder's id (as in the config and on the hub)
   * @param folderKey the folder's 32-byte key, as unwrapped by {@link FolderKeyWrap}; not kept
   * @param compressOver content longer than this many bytes is gzipped before encryption when
   *     that makes it smaller ({@code Long.MAX_VALUE}: never)
   */
  public FolderCrypto(String folderId, byte[] folderKey, long compressOver) {
    if (!Ids.isFolderId(folderId)) {
      throw new IllegalArgumentException("invalid folder id: " + folderId);
    }
    if (folderKey == null || folderKey.length != FolderKeyWrap.FOLDER_KEY_BYTES) {
      throw new IllegalArgumentException("folder key must be 32 bytes");
    }
    if (compressOver < 0) {
      throw new IllegalArgumentException("compressOver must not be negative: " + compressOver);
    }
    this.folderId = folderId;
    this.compressOver = compressOver;
    this.contentKey = subkey(folderKey, "ferry/v1/content", "AES");
    this.metaKey = subkey(folderKey, "ferry/v1/meta", "AES");
    this.entryIdKey = subkey(folderKey, "ferry/v1/entry-id", "HmacSHA256");
    this.chunkIdKey = subkey(folderKey, "ferry/v1/chunk-id", "HmacSHA256");
    this.chunkAad = ascii("ferry/v1/chunk|" + folderId + "|");
    this.inlineAad = ascii("ferry/v1/inline|" + folderId + "|");
    this.metaAad = ascii("ferry/v1/meta|" + folderId + "|");
  }

  public String folderId() { return folderId; }

  public long compressOver() { return compressOver; }

  /** The entry id of a normalized relative path: lowercase hex HMAC-SHA256, 64 characters. */
  public String entryId(String normalizedPath) {
    if (normalizedPath == null) {
      throw new IllegalArgumentException("path is null");
    }
    Worker w = workers.get();
    w.entryMac.update(normalizedPath.getBytes(StandardCharsets.UTF_8));
    return hex(doFinal(w.entryMac, w.mac));
  }

  /** The chunk id of {@code buf[off, off+len)}: lowercase hex HMAC-SHA256 of the plaintext. */
  public String chunkId(byte[] buf, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    Worker w = workers.get();
    w.chunkMac.update(buf, off, len);
    return hex(doFinal(w.chunkMac, w.mac));
  }

  /** Seals one chunk's plaintext for upload; {@code chunkId} must be its {@link #chunkId}. */
  public byte[] sealChunk(String chunkId, byte[] plain, int off, int len) {
    requireHash(chunkId, "chunk id");
    Worker w = workers.get();
    int aadLen = w.aad(chunkAad, chunkId, -1);
    return seal(w, contentKey, aadLen, plain, off, len);
  }

  /**
   * Opens a chunk downloaded under {@code chunkId}, and checks that its plaintext really has
   * that id, so a hub cannot substitute another chunk of the same folder.
   */
  public byte[] openChunk(String chunkId, byte[] sealed) throws TamperedException {
    String what = "chunk " + chunkId;
    requireHashOrTampered(chunkId, "chunk id", what);
    Worker w = workers.get();
    int aadLen = w.aad(chunkAad, chunkId, -1);
    byte[] plain = open(w, contentKey, aadLen, sealed, what);
    w.chunkMac.update(plain, 0, plain.length);
    byte[] actual = doFinal(w.chunkMac, w.mac);
    if (!MessageDigest.isEqual(actual, unhex(chunkId, w.expected))) {
      throw new TamperedException(what + ": content does not match its chunk id");
    }
    return plain;
  }

  /** Seals small file content carried inline in the entry metadata of revision {@code rev}. */
  public byte[] sealInline(String entryId, long rev, byte[] plain) {
    requireHash(entryId, "entry id");
    requireRev(rev);
    Worker w = workers.get();
    int aadLen = w.aad(inlineAad, entryId, rev);
    return seal(w, contentKey, aadLen, plain, 0, plain.length);
  }

  /** Opens inline content; it must have been sealed for exactly this entry and revision. */
  public byte[] openInline(String entryId, long rev, byte[] sealed) throws TamperedException {
    String what = "inline content of entry " + entryId + " rev " + rev;
    requireHashOrTampered(entryId, "entry id", what);
    requireRevOrTampered(rev, what);
    Worker w = workers.get();
    int aadLen = w.aad(inlineAad, entryId, rev);
    return open(w, contentKey, aadLen, sealed, what);
  }

  /** Seals an entry's metadata (path, mode, times, hash, version vector) for revision {@code rev}. */
  public byte[] sealMeta(String entryId, long rev, byte[] plainMeta) {
    requireHash(entryId, "entry id");
    requireRev(rev);
    Worker w = workers.get();
    int aadLen = w.aad(metaAad, entryId, rev);
    return seal(w, metaKey, aadLen, plainMeta, 0, plainMeta.length);
  }

  /** Opens metadata; it must have been sealed for exactly this entry and revision. */
  public byte[] openMeta(String entryId, long rev, byte[] sealed) throws TamperedException {
    String what = "metadata of entry " + entryId + " rev " + rev;
    requireHashOrTampered(entryId, "entry id", what);
    requireRevOrTampered(rev, what);
    Worker w = workers.get();
    int aadLen = w.aad(metaAad, entryId, rev);
    return open(w, metaKey, aadLen, sealed, what);
  }

  private byte[] seal(Worker w, SecretKeySpec key, int aadLen, byte[] plain, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, plain.length);
    if (len > MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("content of " + len + " bytes exceeds the limit of "
          + MAX_PLAINTEXT_BYTES + " bytes for one sealed blob");
    }
    byte[] body = plain;
    int bodyOff = off;
    int bodyLen = len;
    byte flag = RAW;
    if (len > compressOver && w.gzip.worthCompressing(plain, off, len)) {
      byte[] scratch = w.scratch(len);
      // Only a strictly smaller result is worth the flag: maxLen = len - 1.
      int n = w.gzip.compress(plain, off, len, scratch, 0, len - 1);
      if (n >= 0) {
        body = scratch;
        bodyOff = 0;
        bodyLen = n;
        flag = GZIP;
      }
    }
    byte[] out = new byte[OVERHEAD + bodyLen];
    out[0] = VERSION;
    random.nextBytes(w.nonce);
    System.arraycopy(w.nonce, 0, out, 1, NONCE);
    try {
      Cipher cipher = w.cipherFor(key == metaKey);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, w.nonce));
      cipher.updateAAD(w.aad, 0, aadLen);
      w.flag[0] = flag;
      int written = cipher.update(w.flag, 0, 1, out, HEADER);
      written += cipher.doFinal(body, bodyOff, bodyLen, out, HEADER + written);
      if (written != out.length - HEADER) {
        throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected "
            + (out.length - HEADER));
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed to encrypt", e);
    }
  }

  private byte[] open(Worker w, SecretKeySpec key, int aadLen, byte[] sealed, String what)
      throws TamperedException {
    if (sealed == null || sealed.length < OVERHEAD) {
      throw new TamperedException(what + ": truncated ("
          + (sealed == null ? 0 : sealed.length) + " bytes, at least " + OVERHEAD + " expected)");
    }
    if (sealed[0] != VERSION) {
      throw new TamperedException(what + ": unknown format version " + (sealed[0] & 0xff));
    }
    int plainLen = sealed.length - HEADER - TAG;
    byte[] buf = w.scratch(plainLen);
    try {
      Cipher cipher = w.cipherFor(key == metaKey);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, sealed, 1, NONCE));
      cipher.updateAAD(w.aad, 0, aadLen);
      int n = cipher.doFinal(sealed, HEADER, sealed.length - HEADER, buf, 0);
      if (n != plainLen) {
        throw new IllegalStateException("AES-GCM wrote " + n + " bytes, expected " + plainLen);
      }
    } catch (AEADBadTagException e) {
      throw new TamperedException(what + ": authentication failed (altered, truncated,"
          + " or sealed for another place)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed to decrypt", e);
    }
    byte flag = buf[0];
    if (flag == RAW) {
      return Arrays.copyOfRange(buf, 1, plainLen);
    }
    if (flag == GZIP) {
      return w.gzip.decompress(buf, 1, plainLen - 1, MAX_PLAINTEXT_BYTES, what);
    }
    throw new TamperedException(what + ": unknown compression flag " + (flag & 0xff));
  }

  private Worker newWorker() {
    try {
      Mac entryMac = Mac.getInstance("HmacSHA256");
      entryMac.init(entryIdKey);
      Mac chunkMac = Mac.getInstance("HmacSHA256");
      chunkMac.init(chunkIdKey);
      return new Worker(Cipher.getInstance("AES/GCM/NoPadding"), Cipher.getInstance("AES/GCM/NoPadding"), entryMac, chunkMac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM or HMAC-SHA256 is not available", e);
    }
  }

  /** One thread's reusable instances and buffers. */
  private static final class Worker {
    // One cipher per key: the provider expands an AES key again whenever a cipher is initialised
    // with a key other than its last, and a write seals its metadata and its content in turn.
    final Cipher contentCipher;
    final Cipher metaCipher;
    final Mac entryMac;
    final Mac chunkMac;
    final GzipCodec gzip = new GzipCodec();
    final byte[] aad = new byte[256];
    final byte[] mac = new byte[32];
    final byte[] expected = new byte[32];
    final byte[] nonce = new byte[NONCE];
    final byte[] flag = new byte[1];
    byte[] scratch = new byte[0];

    Worker(Cipher contentCipher, Cipher metaCipher, Mac entryMac, Mac chunkMac) {
      this.contentCipher = contentCipher;
      this.metaCipher = metaCipher;
      this.entryMac = entryMac;
      this.chunkMac = chunkMac;
    }

    Cipher cipherFor(boolean meta) {
      return meta ? metaCipher : contentCipher;
    }

    /** Writes prefix, id and (if rev >= 0) "|rev" into {@link #aad}; returns the length. */
    int aad(byte[] prefix, String id, long rev) {
      System.arraycopy(prefix, 0, aad, 0, prefix.length);
      int pos = prefix.length;
      for (int i = 0; i < id.length(); i++) {
        aad[pos++] = (byte) id.charAt(i); // validated lowercase hex
      }
      if (rev >= 0) {
        aad[pos++] = '|';
        pos = putDecimal(aad, pos, rev);
      }
      return pos;
    }

    byte[] scratch(int size) {
      if (scratch.length >= size) {
        return scratch;
      }
      byte[] fresh = new byte[size];
      if (size <= RETAINED_SCRATCH) {
        scratch = fresh;
      }
      return fresh;
    }
  }

  private static int putDecimal(byte[] buf, int pos, long v) {
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    for (int i = pos + digits - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return pos + digits;
  }

  private static byte[] doFinal(Mac mac, byte[] out) {
    try {
      mac.doFinal(out, 0);
      return out;
    } catch (javax.crypto.ShortBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static String hex(byte[] b) {
    char[] c = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      c[2 * i] = HEX[(b[i] >> 4) & 0xf];
      c[2 * i + 1] = HEX[b[i] & 0xf];
    }
    return new String(c);
  }

  private static byte[] unhex(String s, byte[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (Character.digit(s.charAt(2 * i), 16) << 4 | Character.digit(s.charAt(2 * i + 1), 16));
    }
    return out;
  }

  private static SecretKeySpec subkey(byte[] folderKey, String info, String algorithm) {
    byte[] k = Hkdf.sha256(folderKey, info, 32);
    SecretKeySpec spec = new SecretKeySpec(k, algorithm); // copies k
    Arrays.fill(k, (byte) 0);
    return spec;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static void requireHash(String id, String what) {
    if (!Ids.isChunkId(id)) {
      throw new IllegalArgumentException(what + " is not 64 lowercase hex characters: " + id);
    }
  }

  private static void requireHashOrTampered(String id, String kind, String what)
      throws TamperedException {
    if (!Ids.isChunkId(id)) {
      throw new TamperedException(what + ": " + kind + " is not 64 lowercase hex characters");
    }
  }

  private static void requireRev(long rev) {
    if (rev < 0) {
      throw new IllegalArgumentException("revision must not be negative: " + rev);
    }
  }

  private static void requireRevOrTampered(long rev, String what) throws TamperedException {
    if (rev < 0) {
      throw new TamperedException(what + ": negative revision");
    }
  }
}
