package dev.ferry.ipc;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream into newline-terminated lines without ever holding more than
 * {@code maxLine} bytes of one line: an over-long line is reported, not buffered.
 */
final class LineFramer {
  private final int maxLine;
  private byte[] partial = new byte[512];
  private int length;
  private boolean overflowed;

  LineFramer(int maxLine) {
    this.maxLine = maxLine;
  }

  /**
   * Consumes {@code in}, appending each completed line (without its {@code \n} and an optional
   * {@code \r}) to {@code out}. Returns false, leaving the rest of {@code in} unread, as soon as
   * the current line exceeds {@code maxLine}; the framer is then unusable.
   */
  boolean feed(ByteBuffer in, List<byte[]> out) {
    if (overflowed) throw new IllegalStateException("line framer already overflowed");
    while (in.hasRemaining()) {
      int start = in.position();
      int end = in.limit();
      int newline = -1;
      for (int i = start; i < end; i++) {
        if (in.get(i) == '\n') {
          newline = i;
          break;
        }
      }
      int chunkEnd = newline < 0 ? end : newline;
      if ((long) length + (chunkEnd - start) > maxLine) {
        overflowed = true;
        length = 0;
        partial = new byte[0];
        return false;
      }
      append(in, chunkEnd - start);
      if (newline < 0) return true;
      in.get(); // the newline itself
      out.add(takeLine());
    }
    return true;
  }

  /** The unterminated last line at end of stream, or null if there is none. */
  byte[] finish() {
    return length == 0 || overflowed ? null : takeLine();
  }

  private void append(ByteBuffer in, int count) {
    if (length + count > partial.length) {
      partial = Arrays.copyOf(partial, Math.min(Math.max(partial.length * 2, length + count), Math.max(maxLine, 1)));
    }
    in.get(partial, length, count);
    length += count;
  }

  private byte[] takeLine() {
    int end = length > 0 && partial[length - 1] == '\r' ? length - 1 : length;
    byte[] line = Arrays.copyOf(partial, end);
    length = 0;
    if (partial.length > 64 * 1024) partial = new byte[512]; // do not keep a 1 MiB buffer per idle client
    return line;
  }
}
