package dev.ferry.daemon.crypto;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Gzip (RFC 1952) with a reused {@link Deflater} and {@link Inflater}: one instance per thread,
 * not thread-safe. {@code GZIPOutputStream} would allocate native zlib state per chunk and
 * free it only when the garbage collector gets round to it.
 */
final class GzipCodec {
  /**
   * Level 1: on text it gets most of what level 6 gets at several times the speed, and this
   * runs on every chunk of every file above {@code compress_over}.
   */
  static final int LEVEL = Deflater.BEST_SPEED;
  private static final int HEADER = 10;
  private static final int TRAILER = 8;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xe0;

  /** Inputs above this size are sampled before they are compressed whole. */
  static final int PROBE_OVER = 64 * 1024;
  private static final int SAMPLE = 4096;
  private static final int SAMPLES = 4;

  private final Deflater deflater = new Deflater(LEVEL, true);
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] probeIn = new byte[SAMPLE * SAMPLES];
  private final byte[] probeOut = new byte[SAMPLE * SAMPLES];

  /**
   * Whether compressing {@code in[off, off+len)} is worth trying. Above {@link #PROBE_OVER}
   * bytes, four 4 KiB samples spread over the input are deflated first; when they do not shrink
   * by a sixteenth, the input is taken for already compressed or encrypted content (photos,
   * archives, key files) and stored as it is. Deflating such a chunk whole only to throw the
   * result away cost more CPU than encrypting and hashing it together (measured: 2 s of
   * 6 s of an upload of 100 MiB of random files).
   */
  boolean worthCompressing(byte[] in, int off, int len) {
    if (len <= PROBE_OVER) {
      return true;
    }
    for (int s = 0; s < SAMPLES; s++) {
      int at = off + (int) ((long) (len - SAMPLE) * s / (SAMPLES - 1));
      System.arraycopy(in, at, probeIn, s * SAMPLE, SAMPLE);
    }
    deflater.reset();
    deflater.setInput(probeIn, 0, probeIn.length);
    deflater.finish();
    int limit = probeIn.length - probeIn.length / 16;
    int n = 0;
    while (!deflater.finished() && n < limit) {
      n += deflater.deflate(probeOut, n, limit - n);
    }
    return deflater.finished() && n < limit;
  }

  /**
   * Compresses {@code in[off, off+len)} into {@code out} starting at {@code outOff}, using at
   * most {@code maxLen} bytes of it.
   *
   * @return the gzip length, or -1 if the result would not fit in {@code maxLen} bytes (the
   *     data does not compress well enough to be worth it)
   */
  int compress(byte[] in, int off, int len, byte[] out, int outOff, int maxLen) {
    if (maxLen <= HEADER + TRAILER) {
      return -1;
    }
    out[outOff] = 0x1f;
    out[outOff + 1] = (byte) 0x8b;
    out[outOff + 2] = 8; // deflate
    for (int i = 3; i < HEADER - 1; i++) {
      out[outOff + i] = 0; // flags, mtime (none: identical input gives identical output), xfl
    }
    out[outOff + HEADER - 1] = (byte) 255; // OS unknown
    deflater.reset();
    deflater.setInput(in, off, len);
    deflater.finish();
    int pos = outOff + HEADER;
    int limit = outOff + maxLen - TRAILER;
    while (!deflater.finished()) {
      if (pos >= limit) {
        return -1;
      }
      pos += deflater.deflate(out, pos, limit - pos);
    }
    crc.reset();
    crc.update(in, off, len);
    putIntLe(out, pos, (int) crc.getValue());
    putIntLe(out, pos + 4, len);
    return pos + TRAILER - outOff;
  }

  /**
   * Decompresses one gzip member that fills {@code in[off, off+len)} exactly.
   *
   * @throws TamperedException if the data is not well-formed gzip, its checksum or size is
   *     wrong, or it would expand beyond {@code maxSize} bytes
   */
  byte[] decompress(byte[] in, int off, int len, int maxSize, String what) throws TamperedException {
    int end = off + len;
    if (len < HEADER + TRAILER || (in[off] & 0xff) != 0x1f || (in[off + 1] & 0xff) != 0x8b
        || in[off + 2] != 8) {
      throw new TamperedException(what + ": compressed content is not gzip");
    }
    int flags = in[off + 3] & 0xff;
    if ((flags & RESERVED) != 0) {
      throw new TamperedException(what + ": gzip header has reserved flags set");
    }
    int pos = off + HEADER;
    if ((flags & FEXTRA) != 0) {
      if (pos + 2 > end) {
        throw new TamperedException(what + ": gzip header is truncated");
      }
      pos += 2 + ((in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8);
    }
    if ((flags & FNAME) != 0) {
      pos = skipZeroTerminated(in, pos, end, what);
    }
    if ((flags & FCOMMENT) != 0) {
      pos = skipZeroTerminated(in, pos, end, what);
    }
    if ((flags & FHCRC) != 0) {
      pos += 2;
    }
    if (pos > end - TRAILER) {
      throw new TamperedException(what + ": gzip header is truncated");
    }
    long expectedCrc = getIntLe(in, end - 8) & 0xffffffffL;
    long expectedSize = getIntLe(in, end - 4) & 0xffffffffL;
    if (expectedSize > maxSize) {
      throw new TamperedException(what + ": gzip claims " + expectedSize
          + " bytes, more than the limit of " + maxSize);
    }
    byte[] out = new byte[(int) expectedSize];
    inflater.reset();
    inflater.setInput(in, pos, end - TRAILER - pos);
    int n = 0;
    try {
      while (!inflater.finished()) {
        if (n == out.length) {
          // Output is full but the stream goes on: the size field lies. One probe byte
          // tells a stream that ends exactly here from one that is longer.
          byte[] probe = new byte[1];
          if (inflater.inflate(probe) > 0 || !inflater.finished()) {
            throw new TamperedException(what + ": gzip content is longer than its size field");
          }
          break;
        }
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && !inflater.finished()) {
          throw new TamperedException(what + ": gzip content is truncated");
        }
        n += got;
      }
    } catch (DataFormatException e) {
      throw new TamperedException(what + ": gzip content is corrupt", e);
    }
    if (inflater.getRemaining() != 0) {
      throw new TamperedException(what + ": unexpected bytes after the gzip content");
    }
    if (n != expectedSize) {
      throw new TamperedException(what + ": gzip content is shorter than its size field");
    }
    crc.reset();
    crc.update(out, 0, n);
    if (crc.getValue() != expectedCrc) {
      throw new TamperedException(what + ": gzip checksum mismatch");
    }
    return out;
  }

  private static int skipZeroTerminated(byte[] in, int pos, int end, String what)
      throws TamperedException {
    while (pos < end && in[pos] != 0) {
      pos++;
    }
    if (pos >= end) {
      throw new TamperedException(what + ": gzip header is truncated");
    }
    return pos + 1;
  }

  private static void putIntLe(byte[] b, int i, int v) {
    b[i] = (byte) v;
    b[i + 1] = (byte) (v >>> 8);
    b[i + 2] = (byte) (v >>> 16);
    b[i + 3] = (byte) (v >>> 24);
  }

  private static int getIntLe(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
  }
}
