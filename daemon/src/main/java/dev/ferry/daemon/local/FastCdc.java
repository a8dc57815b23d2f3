package dev.ferry.daemon.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A content-defined chunker in the style of FastCDC (Xia et al., USENIX ATC 2016): a gear
 * rolling hash, no cut before the minimum size, and normalized chunking, where a stricter mask
 * (more bits) applies before the average size and a looser one after, which pulls chunk sizes
 * toward the average. Because cut points depend only on the bytes near them, an edit changes
 * the chunks around it and the rest of the file still dedups against what the hub has.
 *
 * <p>Deterministic across runs, JVMs and machines: the gear table comes from a fixed seed and
 * nothing else is an input. Changing the seed, the masks or the defaults changes every chunk
 * id ever computed, so do not.
 *
 * <p>Immutable and thread-safe; each {@link ChunkReader} is used by one thread.
 */
public final class FastCdc {
  public static final int DEFAULT_MIN = 64 * 1024;
  public static final int DEFAULT_AVG = 256 * 1024;
  public static final int DEFAULT_MAX = 1024 * 1024;
  /** Chunks are sealed and uploaded whole; this keeps them far below the hub's chunk limit. */
  public static final int LIMIT_MAX = 4 * 1024 * 1024;

  /** The chunker Ferry uses: 64 KiB / 256 KiB / 1 MiB. */
  public static final FastCdc DEFAULT = new FastCdc(DEFAULT_MIN, DEFAULT_AVG, DEFAULT_MAX);

  private static final long GEAR_SEED = 0x4645525259434443L; // "FERRYCDC"
  private static final long[] GEAR = gearTable(GEAR_SEED);

  private final int min;
  private final int avg;
  private final int max;
  /** Before {@code avg}: two bits more than log2(avg), so cuts there are rarer. */
  private final long maskSmall;
  /** After {@code avg}: two bits fewer, so a cut comes soon. */
  private final long maskLarge;

  /**
   * @param min no chunk but the last is shorter (at least 64 bytes: the hash window)
   * @param avg the target average; a power of two
   * @param max no chunk is longer (at most {@link #LIMIT_MAX})
   */
  public FastCdc(int min, int avg, int max) {
    if (min < 64 || !(min < avg && avg < max) || max > LIMIT_MAX) {
      throw new IllegalArgumentException("chunk sizes must satisfy 64 <= min < avg < max <= "
          + LIMIT_MAX + ": min=" + min + " avg=" + avg + " max=" + max);
    }
    if (Integer.bitCount(avg) != 1) {
      throw new IllegalArgumentException("average chunk size must be a power of two: " + avg);
    }
    this.min = min;
    this.avg = avg;
    this.max = max;
    int bits = Integer.numberOfTrailingZeros(avg);
    // The gear hash shifts left, so bit k depends on the last k+1 bytes: the mask takes the
    // top bits, which see a 64-byte window.
    this.maskSmall = topBits(bits + 2);
    this.maskLarge = topBits(bits - 2);
  }

  public int min() { return min; }

  public int avg() { return avg; }

  public int max() { return max; }

  /**
   * Chunks of {@code in}, read as they are needed with a buffer of twice the maximum chunk
   * size, never the whole stream. The caller keeps ownership of {@code in} and closes it.
   */
  public ChunkReader chunks(InputStream in) {
    return new ChunkReader(in);
  }

  /**
   * The length of the chunk that starts at {@code buf[start]}, given {@code n} available
   * bytes. {@code n} must be at least {@code max} unless the input ends within it.
   */
  int cut(byte[] buf, int start, int n) {
    if (n <= min) {
      return n;
    }
    if (n > max) {
      n = max;
    }
    int normal = Math.min(avg, n);
    long h = 0;
    int i = min;
    for (; i < normal; i++) {
      h = (h << 1) + GEAR[buf[start + i] & 0xff];
      if ((h & maskSmall) == 0) {
        return i + 1;
      }
    }
    for (; i < n; i++) {
      h = (h << 1) + GEAR[buf[start + i] & 0xff];
      if ((h & maskLarge) == 0) {
        return i + 1;
      }
    }
    return n;
  }

  /** Reads chunks one at a time; {@link #next()} returns {@code null} at the end. */
  public final class ChunkReader {
    private final InputStream in;
    private final byte[] buf = new byte[2 * max];
    private int start;
    private int end;
    private boolean eof;
    private long offset;

    private ChunkReader(InputStream in) {
      this.in = in;
    }

    private int chunkStart;
    private int chunkLength;

    /** The next chunk, or {@code null} when the stream is exhausted. */
    public Chunk next() throws IOException {
      if (!advance()) {
        return null;
      }
      return new Chunk(chunkOffset(), Arrays.copyOfRange(buf, chunkStart, chunkStart + chunkLength));
    }

    /**
     * Moves to the next chunk without copying it; false when the stream is exhausted. The
     * chunk is then {@code array()[chunkStart(), chunkStart() + chunkLength())}, valid until
     * the next call: for callers that only hash or seal each chunk (a seal is a new array
     * anyway), which then allocate nothing per chunk.
     */
    public boolean advance() throws IOException {
      start += chunkLength;
      offset += chunkLength;
      chunkLength = 0;
      fill();
      if (start == end) {
        return false;
      }
      chunkStart = start;
      chunkLength = cut(buf, start, end - start);
      return true;
    }

    public byte[] array() { return buf; }

    public int chunkStart() { return chunkStart; }

    public int chunkLength() { return chunkLength; }

    /** The current chunk's position in the stream. */
    public long chunkOffset() { return offset; }

    /** Makes at least {@code max} bytes available from {@code start}, or all that is left. */
    private void fill() throws IOException {
      if (eof || end - start >= max) {
        return;
      }
      if (buf.length - start < max) {
        // Happens at most once per max bytes consumed, and moves fewer than max bytes.
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      while (end - start < max) {
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
          eof = true;
          return;
        }
        end += r;
      }
    }
  }

  private static long topBits(int k) {
    return -1L << (64 - k);
  }

  /** 256 pseudo-random 64-bit values from SplitMix64: fixed for all time by the seed. */
  private static long[] gearTable(long seed) {
    long[] table = new long[256];
    long state = seed;
    for (int i = 0; i < table.length; i++) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      table[i] = z ^ (z >>> 31);
    }
    return table;
  }
}
