package dev.ferry.daemon.local;

/**
 * One content-defined piece of a file: its position in the file and its bytes. The array is
 * owned by the chunk (a copy, not a view of a reused buffer); as with any record over an
 * array, {@code equals} compares the array by identity, so compare contents with
 * {@link java.util.Arrays#equals(byte[], byte[])}.
 */
public record Chunk(long offset, byte[] data) {
  public int length() {
    return data.length;
  }
}
