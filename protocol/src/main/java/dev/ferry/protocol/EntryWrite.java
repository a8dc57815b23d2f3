package dev.ferry.protocol;

import java.util.List;

/**
 * The body of a revision write: what the client wants the next revision to be. {@code size} is
 * the ciphertext size the hub accounts for; {@code inline} is base64 ciphertext for small
 * content, otherwise {@code chunks} names chunks that must already be on the hub.
 */
public record EntryWrite(boolean deleted, long size, List<String> chunks, String inline, String meta) {
  public EntryWrite {
    chunks = chunks == null ? List.of() : List.copyOf(chunks);
  }
}
