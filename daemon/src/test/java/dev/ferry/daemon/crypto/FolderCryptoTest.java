package dev.ferry.daemon.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.Ids;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FolderCryptoTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] KEY = HEX.parseHex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private static final String FOLDER = "notes";
  private static final long COMPRESS_OVER = 10 * 1024;

  private final FolderCrypto crypto = new FolderCrypto(FOLDER, KEY, COMPRESS_OVER);
  private final Random rnd = new Random(42);

  private byte[] random(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private static byte[] text(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < n; i++) {
      sb.append("{\"id\":").append(i).append(",\"text\":\"hello ferry\"}\n");
    }
    return sb.substring(0, n).getBytes(StandardCharsets.UTF_8);
  }

  // --- keyed ids ---------------------------------------------------------------------------

  @Test
  void entryIdIsHmacOfPathUnderTheEntryIdSubkey() throws Exception {
    String id = crypto.entryId("docs/ä.md");
    assertTrue(Ids.isEntryId(id), id);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Hkdf.sha256(KEY, "ferry/v1/entry-id", 32), "HmacSHA256"));
    assertEquals(HEX.formatHex(mac.doFinal("docs/ä.md".getBytes(StandardCharsets.UTF_8))), id);
    assertEquals(id, crypto.entryId("docs/ä.md"));
    assertNotEquals(id, crypto.entryId("docs/a.md"));
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    assertNotEquals(id, new FolderCrypto(FOLDER, otherKey, COMPRESS_OVER).entryId("docs/ä.md"));
  }

  @Test
  void chunkIdIsHmacOfPlaintextRangeUnderTheChunkIdSubkey() throws Exception {
    byte[] buf = random(1000);
    String id = crypto.chunkId(buf, 100, 500);
    assertTrue(Ids.isChunkId(id), id);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Hkdf.sha256(KEY, "ferry/v1/chunk-id", 32), "HmacSHA256"));
    mac.update(buf, 100, 500);
    assertEquals(HEX.formatHex(mac.doFinal()), id);
    assertEquals(id, crypto.chunkId(Arrays.copyOfRange(buf, 100, 600), 0, 500));
    // Key separation: the same bytes as a path and as a chunk give different ids.
    assertNotEquals(crypto.entryId("abc"), crypto.chunkId("abc".getBytes(StandardCharsets.UTF_8), 0, 3));
  }

  // --- round trips and compression ---------------------------------------------------------

  @Test
  void roundTripsOfEveryKind() throws Exception {
    for (int len : new int[] {0, 1, 15, 16, 17, 10 * 1024, 10 * 1024 + 1, 300_000}) {
      for (byte[] plain : List.of(random(len), text(len))) {
        String chunkId = crypto.chunkId(plain, 0, plain.length);
        assertArrayEquals(plain, crypto.openChunk(chunkId, crypto.sealChunk(chunkId, plain, 0, plain.length)));
        String entryId = crypto.entryId("a/b.txt");
        assertArrayEquals(plain, crypto.openInline(entryId, 7, crypto.sealInline(entryId, 7, plain)));
        assertArrayEquals(plain, crypto.openMeta(entryId, 7, crypto.sealMeta(entryId, 7, plain)));
      }
    }
  }

  @Test
  void sealChunkHonoursOffsetAndLength() throws Exception {
    byte[] buf = text(50_000);
    String id = crypto.chunkId(buf, 1000, 20_000);
    byte[] opened = crypto.openChunk(id, crypto.sealChunk(id, buf, 1000, 20_000));
    assertArrayEquals(Arrays.copyOfRange(buf, 1000, 21_000), opened);
  }

  @Test
  void freshNonceEverySeal() {
    byte[] plain = text(100);
    String id = crypto.chunkId(plain, 0, 100);
    byte[] a = crypto.sealChunk(id, plain, 0, 100);
    byte[] b = crypto.sealChunk(id, plain, 0, 100);
    assertNotEquals(HEX.formatHex(a, 1, 13), HEX.formatHex(b, 1, 13));
  }

  @Test
  void compressesAboveThresholdOnlyWhenSmaller() throws Exception {
    byte[] smallText = text((int) COMPRESS_OVER);
    byte[] bigText = text(100_000);
    byte[] bigRandom = random(100_000);
    assertEquals(smallText.length + FolderCrypto.OVERHEAD, seal(smallText).length, "at threshold: raw");
    assertEquals(bigRandom.length + FolderCrypto.OVERHEAD, seal(bigRandom).length, "incompressible: raw");
    byte[] sealed = seal(bigText);
    assertTrue(sealed.length < bigText.length / 5, "compressed to " + sealed.length);

    // The flag is inside the ciphertext and the body is standard gzip.
    byte[] inner = decryptByHand(sealed);
    assertEquals(FolderCrypto.GZIP, inner[0]);
    try (var in = new GZIPInputStream(new ByteArrayInputStream(inner, 1, inner.length - 1))) {
      assertArrayEquals(bigText, in.readAllBytes());
    }
    assertEquals(FolderCrypto.RAW, decryptByHand(seal(smallText))[0]);
  }

  @Test
  void compressionCanBeDisabled() {
    FolderCrypto never = new FolderCrypto(FOLDER, KEY, Long.MAX_VALUE);
    byte[] plain = text(100_000);
    assertEquals(plain.length + FolderCrypto.OVERHEAD,
        never.sealChunk(never.chunkId(plain, 0, plain.length), plain, 0, plain.length).length);
  }

  private byte[] seal(byte[] plain) {
    return crypto.sealChunk(crypto.chunkId(plain, 0, plain.length), plain, 0, plain.length);
  }

  // --- tampering ---------------------------------------------------------------------------

  @Test
  void everyBitFlipOfSmallBlobsIsDetected() {
    byte[] raw = text(200);
    byte[] gz = text(20_000);
    for (byte[] plain : List.of(raw, gz)) {
      String id = crypto.chunkId(plain, 0, plain.length);
      byte[] sealed = crypto.sealChunk(id, plain, 0, plain.length);
      for (int bit = 0; bit < sealed.length * 8; bit++) {
        byte[] bad = flip(sealed, bit);
        assertThrows(TamperedException.class, () -> crypto.openChunk(id, bad), "bit " + bit);
      }
    }
    String entryId = crypto.entryId("x");
    byte[] meta = crypto.sealMeta(entryId, 3, raw);
    for (int bit = 0; bit < meta.length * 8; bit++) {
      byte[] bad = flip(meta, bit);
      assertThrows(TamperedException.class, () -> crypto.openMeta(entryId, 3, bad), "bit " + bit);
    }
  }

  @Test
  void sampledBitFlipsOfALargeBlobAreDetected() {
    byte[] plain = random(1 << 20);
    String id = crypto.chunkId(plain, 0, plain.length);
    byte[] sealed = crypto.sealChunk(id, plain, 0, plain.length);
    int bits = sealed.length * 8;
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      positions.add(i);
      positions.add(bits - 1 - i);
    }
    for (int i = 0; i < 300; i++) {
      positions.add(rnd.nextInt(bits));
    }
    for (int bit : positions) {
      byte[] bad = flip(sealed, bit);
      assertThrows(TamperedException.class, () -> crypto.openChunk(id, bad), "bit " + bit);
    }
  }

  @Test
  void truncationIsDetected() {
    byte[] plain = text(20_000);
    String id = crypto.chunkId(plain, 0, plain.length);
    byte[] sealed = crypto.sealChunk(id, plain, 0, plain.length);
    for (int len = 0; len < sealed.length; len++) {
      byte[] cut = Arrays.copyOf(sealed, len);
      assertThrows(TamperedException.class, () -> crypto.openChunk(id, cut), "length " + len);
    }
    TamperedException e = assertThrows(TamperedException.class, () -> crypto.openChunk(id, new byte[5]));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertThrows(TamperedException.class, () -> crypto.openChunk(id, null));
  }

  @Test
  void blobsCannotMoveToAnotherPlace() throws Exception {
    String entry = crypto.entryId("a.txt");
    String otherEntry = crypto.entryId("b.txt");
    byte[] plain = text(100);
    byte[] meta = crypto.sealMeta(entry, 5, plain);
    byte[] inline = crypto.sealInline(entry, 5, plain);
    FolderCrypto otherFolder = new FolderCrypto("photos", KEY, COMPRESS_OVER);

    assertThrows(TamperedException.class, () -> crypto.openMeta(otherEntry, 5, meta));
    assertThrows(TamperedException.class, () -> crypto.openMeta(entry, 4, meta), "replayed old rev");
    assertThrows(TamperedException.class, () -> crypto.openMeta(entry, 6, meta));
    assertThrows(TamperedException.class, () -> otherFolder.openMeta(entry, 5, meta));
    assertThrows(TamperedException.class, () -> crypto.openInline(entry, 5, meta), "meta as inline");
    assertThrows(TamperedException.class, () -> crypto.openMeta(entry, 5, inline), "inline as meta");
    assertThrows(TamperedException.class, () -> crypto.openInline(otherEntry, 5, inline));
    assertThrows(TamperedException.class, () -> crypto.openInline(entry, 50, inline));
    assertThrows(TamperedException.class, () -> otherFolder.openInline(entry, 5, inline));

    String chunkA = crypto.chunkId(plain, 0, plain.length);
    byte[] b = text(101);
    String chunkB = crypto.chunkId(b, 0, b.length);
    byte[] sealedB = crypto.sealChunk(chunkB, b, 0, b.length);
    assertThrows(TamperedException.class, () -> crypto.openChunk(chunkA, sealedB), "chunk swapped");
    assertThrows(TamperedException.class, () -> otherFolder.openChunk(chunkB, sealedB));
    assertThrows(TamperedException.class, () -> crypto.openInline(entry, 5, sealedB));
  }

  @Test
  void chunkWhoseContentDoesNotMatchItsIdIsRefused() {
    byte[] a = text(100);
    byte[] b = random(100);
    String idA = crypto.chunkId(a, 0, a.length);
    byte[] lying = crypto.sealChunk(idA, b, 0, b.length); // well-formed, wrong content
    TamperedException e = assertThrows(TamperedException.class, () -> crypto.openChunk(idA, lying));
    assertTrue(e.getMessage().contains("does not match its chunk id"), e.getMessage());
  }

  @Test
  void malformedIdsFromTheHubAreRefused() {
    byte[] sealed = seal(text(10));
    assertThrows(TamperedException.class, () -> crypto.openChunk("ABC", sealed));
    assertThrows(TamperedException.class, () -> crypto.openMeta("../x", 1, sealed));
    assertThrows(TamperedException.class, () -> crypto.openMeta(crypto.entryId("x"), -1, sealed));
  }

  @Test
  void unknownVersionFlagAndBrokenGzipAreReportedByName() throws Exception {
    byte[] plain = text(100);
    String id = crypto.chunkId(plain, 0, plain.length);
    byte[] sealed = crypto.sealChunk(id, plain, 0, plain.length);
    sealed[0] = 2;
    assertMessage("unknown format version 2", () -> crypto.openChunk(id, sealed));

    assertMessage("unknown compression flag 7", () -> crypto.openChunk(id, sealByHand(id, (byte) 7, plain)));
    assertMessage("not gzip", () -> crypto.openChunk(id, sealByHand(id, FolderCrypto.GZIP, plain)));

    byte[] gz = gzip(plain);
    byte[] badCrc = gz.clone();
    badCrc[badCrc.length - 8] ^= 1;
    assertMessage("checksum", () -> crypto.openChunk(id, sealByHand(id, FolderCrypto.GZIP, badCrc)));
    byte[] cut = Arrays.copyOf(gz, gz.length - 12);
    assertThrows(TamperedException.class, () -> crypto.openChunk(id, sealByHand(id, FolderCrypto.GZIP, cut)));
    byte[] trailing = Arrays.copyOf(gz, gz.length + 3);
    assertThrows(TamperedException.class, () -> crypto.openChunk(id, sealByHand(id, FolderCrypto.GZIP, trailing)));
    // A well-formed gzip from the JDK (a different writer) opens.
    assertArrayEquals(plain, crypto.openChunk(id, sealByHand(id, FolderCrypto.GZIP, gz)));
  }

  @Test
  void decompressionBombsAreRefused() {
    byte[] zeros = new byte[1 << 20];
    String id = crypto.chunkId(zeros, 0, zeros.length);
    byte[] gz = gzip(zeros);
    byte[] claimsHuge = gz.clone();
    setIntLe(claimsHuge, claimsHuge.length - 4, FolderCrypto.MAX_PLAINTEXT_BYTES + 1);
    assertMessage("more than the limit", () -> crypto.openChunk(id, sealByHand(id, FolderCrypto.GZIP, claimsHuge)));
    byte[] claimsSmall = gz.clone();
    setIntLe(claimsSmall, claimsSmall.length - 4, 1000);
    assertMessage("longer than its size field",
        () -> crypto.openChunk(id, sealByHand(id, FolderCrypto.GZIP, claimsSmall)));
  }

  @Test
  void oneInstanceIsSafeAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        futures.add(pool.submit(() -> {
          Random r = new Random(seed);
          for (int i = 0; i < 200; i++) {
            byte[] plain = text(r.nextInt(30_000));
            if (r.nextBoolean()) {
              r.nextBytes(plain); // incompressible: the raw path
            }
            String id = crypto.chunkId(plain, 0, plain.length);
            assertArrayEquals(plain, crypto.openChunk(id, crypto.sealChunk(id, plain, 0, plain.length)));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void programmingErrorsOnSealAreIllegalArguments() {
    assertThrows(IllegalArgumentException.class, () -> crypto.sealChunk("nope", new byte[1], 0, 1));
    assertThrows(IllegalArgumentException.class, () -> crypto.sealMeta(crypto.entryId("x"), -1, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> new FolderCrypto("bad/id", KEY, 0));
    assertThrows(IllegalArgumentException.class, () -> new FolderCrypto(FOLDER, new byte[16], 0));
    assertThrows(IllegalArgumentException.class, () -> new FolderCrypto(FOLDER, KEY, -1));
  }

  // --- helpers -----------------------------------------------------------------------------

  private interface Opening {
    void run() throws Exception;
  }

  private static void assertMessage(String part, Opening opening) {
    TamperedException e = assertThrows(TamperedException.class, opening::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  private static byte[] flip(byte[] b, int bit) {
    byte[] c = b.clone();
    c[bit / 8] ^= (byte) (1 << (bit % 8));
    return c;
  }

  private static byte[] gzip(byte[] plain) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
        out.write(plain);
      }
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void setIntLe(byte[] b, int i, int v) {
    for (int k = 0; k < 4; k++) {
      b[i + k] = (byte) (v >>> (8 * k));
    }
  }

  private static SecretKeySpec contentKey() {
    return new SecretKeySpec(Hkdf.sha256(KEY, "ferry/v1/content", 32), "AES");
  }

  private static byte[] chunkAad(String chunkId) {
    return ("ferry/v1/chunk|" + FOLDER + "|" + chunkId).getBytes(StandardCharsets.US_ASCII);
  }

  /** Decrypts a sealed chunk with keys and associated data derived here, independently. */
  private byte[] decryptByHand(byte[] sealed) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] inner = null;
    // The chunk id is not in the blob; recover it by trying the AAD of the plaintext's id.
    for (byte[] candidate : List.of(text((int) COMPRESS_OVER), text(100_000))) {
      try {
        c.init(Cipher.DECRYPT_MODE, contentKey(), new GCMParameterSpec(128, sealed, 1, 12));
        c.updateAAD(chunkAad(crypto.chunkId(candidate, 0, candidate.length)));
        inner = c.doFinal(sealed, 13, sealed.length - 13);
        break;
      } catch (javax.crypto.AEADBadTagException wrongCandidate) {
        // try the next one
      }
    }
    if (inner == null) {
      throw new AssertionError("no candidate decrypts");
    }
    return inner;
  }

  /** Seals an arbitrary inner plaintext (flag byte + body) exactly as the format says. */
  private static byte[] sealByHand(String chunkId, byte flag, byte[] body) throws Exception {
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, contentKey(), new GCMParameterSpec(128, nonce));
    c.updateAAD(chunkAad(chunkId));
    byte[] inner = new byte[body.length + 1];
    inner[0] = flag;
    System.arraycopy(body, 0, inner, 1, body.length);
    byte[] ct = c.doFinal(inner);
    byte[] out = new byte[13 + ct.length];
    out[0] = 1;
    System.arraycopy(nonce, 0, out, 1, 12);
    System.arraycopy(ct, 0, out, 13, ct.length);
    return out;
  }
}
