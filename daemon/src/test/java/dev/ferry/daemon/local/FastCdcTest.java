package dev.ferry.daemon.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastCdcTest {
  private static final int MIB = 1024 * 1024;
  private static final FastCdc CDC = FastCdc.DEFAULT;

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static List<Chunk> chunk(FastCdc cdc, InputStream in) throws IOException {
    List<Chunk> out = new ArrayList<>();
    FastCdc.ChunkReader reader = cdc.chunks(in);
    for (Chunk c = reader.next(); c != null; c = reader.next()) {
      out.add(c);
    }
    assertNull(reader.next(), "stays exhausted");
    return out;
  }

  private static List<Chunk> chunk(byte[] data) throws IOException {
    return chunk(CDC, new ByteArrayInputStream(data));
  }

  private static Set<ByteBuffer> contents(List<Chunk> chunks) {
    Set<ByteBuffer> set = new HashSet<>();
    for (Chunk c : chunks) {
      set.add(ByteBuffer.wrap(c.data()));
    }
    return set;
  }

  private static void assertWellFormed(FastCdc cdc, byte[] data, List<Chunk> chunks) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    long offset = 0;
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertEquals(offset, c.offset(), "offset of chunk " + i);
      assertTrue(c.length() <= cdc.max(), "chunk " + i + " too long: " + c.length());
      if (i < chunks.size() - 1) {
        assertTrue(c.length() >= cdc.min(), "chunk " + i + " too short: " + c.length());
      } else {
        assertTrue(c.length() > 0, "no empty last chunk");
      }
      joined.writeBytes(c.data());
      offset += c.length();
    }
    assertArrayEquals(data, joined.toByteArray(), "concatenation equals input");
  }

  @Test
  void viewsWithoutCopiesAreTheSameChunksAsNext() throws IOException {
    byte[] data = random(12 * MIB + 12345, 99);
    List<Chunk> copies = new ArrayList<>();
    FastCdc.ChunkReader r = CDC.chunks(new ByteArrayInputStream(data));
    for (Chunk c = r.next(); c != null; c = r.next()) copies.add(c);
    FastCdc.ChunkReader v = CDC.chunks(new ByteArrayInputStream(data));
    int i = 0;
    while (v.advance()) {
      Chunk want = copies.get(i++);
      assertEquals(want.offset(), v.chunkOffset());
      assertEquals(want.length(), v.chunkLength());
      assertArrayEquals(want.data(), java.util.Arrays.copyOfRange(v.array(), v.chunkStart(), v.chunkStart() + v.chunkLength()));
    }
    assertEquals(copies.size(), i);
    assertTrue(copies.size() > 3, "several chunks: " + copies.size());
    assertEquals(false, v.advance(), "stays at the end");
  }

  @Test
  void emptyInputHasNoChunks() throws IOException {
    assertEquals(List.of(), chunk(new byte[0]));
  }

  @Test
  void inputBelowMinimumIsOneChunk() throws IOException {
    for (int n : new int[] {1, 1000, FastCdc.DEFAULT_MIN}) {
      byte[] data = random(n, n);
      List<Chunk> chunks = chunk(data);
      assertEquals(1, chunks.size());
      assertArrayEquals(data, chunks.get(0).data());
    }
  }

  @Test
  void randomDataChunksWithinBoundsAndJoinBack() throws IOException {
    byte[] data = random(16 * MIB, 1);
    List<Chunk> chunks = chunk(data);
    assertWellFormed(CDC, data, chunks);
    long mean = data.length / chunks.size();
    assertTrue(mean > 128 * 1024 && mean < 512 * 1024, "mean chunk size " + mean);
    assertTrue(chunks.stream().anyMatch(c -> c.length() < CDC.max()), "cuts are content-defined");
  }

  @Test
  void uniformDataIsCutAtTheMaximum() throws IOException {
    byte[] zeros = new byte[5 * MIB + 123];
    List<Chunk> chunks = chunk(zeros);
    assertWellFormed(CDC, zeros, chunks);
  }

  @Test
  void oneByteEditChangesAtMostThreeChunks() throws IOException {
    byte[] data = random(16 * MIB, 2);
    List<Chunk> before = chunk(data);
    byte[] edited = data.clone();
    edited[8 * MIB + 12345] ^= 0x5a;
    List<Chunk> after = chunk(edited);
    assertWellFormed(CDC, edited, after);
    Set<ByteBuffer> old = contents(before);
    long changed = after.stream().filter(c -> !old.contains(ByteBuffer.wrap(c.data()))).count();
    assertTrue(changed >= 1 && changed <= 3, "changed chunks: " + changed);
  }

  @Test
  void insertionNearTheStartLeavesLaterChunksIdentical() throws IOException {
    byte[] data = random(16 * MIB, 3);
    List<Chunk> before = chunk(data);
    byte[] inserted = new byte[data.length + 777];
    System.arraycopy(data, 0, inserted, 0, 5000);
    System.arraycopy(random(777, 4), 0, inserted, 5000, 777);
    System.arraycopy(data, 5000, inserted, 5777, data.length - 5000);
    List<Chunk> after = chunk(inserted);
    assertWellFormed(CDC, inserted, after);
    Set<ByteBuffer> old = contents(before);
    long changed = after.stream().filter(c -> !old.contains(ByteBuffer.wrap(c.data()))).count();
    assertTrue(changed <= 3, "changed chunks: " + changed + " of " + after.size());
    // The unchanged chunks really moved: same bytes at offsets shifted by the insertion.
    Chunk last = after.get(after.size() - 1);
    assertEquals(before.get(before.size() - 1).offset() + 777, last.offset());
  }

  @Test
  void streamingDoesNotDependOnReadSizesAndReadsBoundedAhead() throws IOException {
    byte[] data = random(6 * MIB, 5);
    List<Chunk> whole = chunk(data);
    CountingTrickle trickle = new CountingTrickle(new ByteArrayInputStream(data));
    FastCdc.ChunkReader reader = CDC.chunks(trickle);
    List<Chunk> trickled = new ArrayList<>();
    for (Chunk c = reader.next(); c != null; c = reader.next()) {
      trickled.add(c);
      assertTrue(trickle.read <= c.offset() + 2L * CDC.max(),
          "read " + trickle.read + " bytes by chunk at " + c.offset());
    }
    assertEquals(whole.size(), trickled.size());
    for (int i = 0; i < whole.size(); i++) {
      assertArrayEquals(whole.get(i).data(), trickled.get(i).data());
    }
  }

  /**
   * Pins the cut points of a fixed input. Chunk ids, and so dedup against everything already
   * on a hub, depend on them: a change here must be deliberate.
   */
  @Test
  void cutPointsAreStable() throws IOException {
    byte[] data = random(4 * MIB, 6);
    List<Integer> lengths = chunk(data).stream().map(Chunk::length).toList();
    assertEquals(PINNED_LENGTHS, lengths);
  }

  private static final List<Integer> PINNED_LENGTHS = List.of(359748, 326347, 311053, 298519, 287312,
      285334, 151842, 288825, 182640, 324435, 292743, 333658, 214270, 345952, 191626);

  @Test
  void smallParametersWork() throws IOException {
    FastCdc small = new FastCdc(64, 256, 1024);
    byte[] data = random(200_000, 7);
    List<Chunk> chunks = chunk(small, new ByteArrayInputStream(data));
    assertWellFormed(small, data, chunks);
    assertTrue(chunks.size() > 200_000 / 1024);
  }

  @Test
  void refusesImpossibleParameters() {
    assertThrows(IllegalArgumentException.class, () -> new FastCdc(32, 256, 1024));
    assertThrows(IllegalArgumentException.class, () -> new FastCdc(256, 256, 1024));
    assertThrows(IllegalArgumentException.class, () -> new FastCdc(64, 1024, 1024));
    assertThrows(IllegalArgumentException.class, () -> new FastCdc(64, 300, 1024));
    assertThrows(IllegalArgumentException.class, () -> new FastCdc(64, 256, 8 * MIB));
  }

  /** Hands out at most 1000 bytes per read and counts what was read. */
  private static final class CountingTrickle extends FilterInputStream {
    long read;

    CountingTrickle(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, Math.min(len, 1000));
      if (n > 0) {
        read += n;
      }
      return n;
    }
  }
}
