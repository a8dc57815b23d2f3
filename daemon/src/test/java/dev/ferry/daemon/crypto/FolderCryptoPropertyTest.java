package dev.ferry.daemon.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class FolderCryptoPropertyTest {
  private static final byte[] KEY = new byte[32];

  @Property(tries = 200)
  void sealOpenRoundTrip(@ForAll @Size(max = 70_000) byte[] plain,
      @ForAll @LongRange(min = 0, max = 100_000) long compressOver,
      @ForAll @IntRange(min = 0, max = 1_000_000) int rev,
      @ForAll boolean repetitive) throws Exception {
    if (repetitive) {
      // Random bytes rarely compress; repeat a short prefix so the gzip path is covered too.
      for (int i = 16; i < plain.length; i++) {
        plain[i] = plain[i % 16];
      }
    }
    FolderCrypto crypto = new FolderCrypto("f", KEY, compressOver);
    String chunkId = crypto.chunkId(plain, 0, plain.length);
    assertArrayEquals(plain, crypto.openChunk(chunkId, crypto.sealChunk(chunkId, plain, 0, plain.length)));
    String entryId = crypto.entryId("p/" + plain.length);
    assertArrayEquals(plain, crypto.openInline(entryId, rev, crypto.sealInline(entryId, rev, plain)));
    assertArrayEquals(plain, crypto.openMeta(entryId, rev, crypto.sealMeta(entryId, rev, plain)));
  }
}
