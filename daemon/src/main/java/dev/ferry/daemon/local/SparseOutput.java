package dev.ferry.daemon.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes a new file's bytes to its channel, leaving a hole for every aligned block of 4 KiB that
 * is all zeros: a sparse file (a VM image, a database with free pages) arrives sparse, taking
 * the disk its data takes, as under Syncthing. The runs of data between holes go in one write
 * each, so a file without zero blocks costs no more system calls than a plain stream.
 */
final class SparseOutput extends OutputStream {
  static final int BLOCK = 4096;
  private static final byte[] ZEROS = new byte[BLOCK];

  private final FileChannel ch;
  /** How far the file's content goes: what was written and what was left as holes. */
  private long end;
  /** Where the last byte actually written ends: a file ending in a hole needs its length set. */
  private long writtenEnd;

  SparseOutput(FileChannel ch) {
    this.ch = ch;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    int runStart = off;
    long runAt = end;
    int i = off;
    int stop = off + len;
    while (i < stop) {
      int n = (int) Math.min(stop - i, BLOCK - (end % BLOCK));
      if (n == BLOCK && Arrays.mismatch(b, i, i + n, ZEROS, 0, n) < 0) {
        put(b, runStart, i - runStart, runAt);
        runStart = i + n;
        runAt = end + n;
      }
      i += n;
      end += n;
    }
    put(b, runStart, stop - runStart, runAt);
  }

  private void put(byte[] b, int off, int len, long at) throws IOException {
    if (len == 0) return;
    ByteBuffer buf = ByteBuffer.wrap(b, off, len);
    long p = at;
    while (buf.hasRemaining()) p += ch.write(buf, p);
    writtenEnd = Math.max(writtenEnd, p);
  }

  /** Gives a file that ends in a hole its full length (one byte written at its end: one block allocated). */
  void finish() throws IOException {
    if (end > writtenEnd) put(new byte[1], 0, 1, end - 1);
  }

  /** The bytes of content so far, holes included. */
  long length() { return end; }
}
