package dev.ferry.server.api;

import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Ids;
import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;

/**
 * What a revision write must look like before it reaches the store: a tombstone carries no
 * content; a live entry carries either inline base64 or chunk ids, never both; sizes and lengths
 * within the protocol limits. {@code prefix} names where the write sits in the request
 * ({@code ""} for a single PUT, {@code "writes[3].entry."} in a batch).
 */
final class EntryWriteRules {
  /** No entry is larger than the largest chunk list can describe. */
  private static final long MAX_SIZE = (long) Protocol.MAX_CHUNKS_PER_ENTRY * Protocol.MAX_CHUNK_BYTES;

  private EntryWriteRules() {}

  static void check(EntryWrite w, String prefix) {
    if (w == null) throw ApiException.field(ProblemCode.INVALID_FIELD, prefix.isEmpty() ? "entry" : strip(prefix), "the entry is missing");
    Base64Field.check(prefix + "meta", w.meta(), Protocol.MAX_META_CHARS);
    if (w.size() < 0 || w.size() > MAX_SIZE) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, prefix + "size", "size must be from 0 to " + MAX_SIZE + ", got " + w.size());
    }
    if (w.deleted()) {
      if (w.inline() != null) throw ApiException.field(ProblemCode.INVALID_FIELD, prefix + "inline", "a tombstone (deleted) carries no inline content");
      if (!w.chunks().isEmpty()) throw ApiException.field(ProblemCode.INVALID_FIELD, prefix + "chunks", "a tombstone (deleted) carries no chunks");
      return;
    }
    if (w.inline() != null) {
      if (!w.chunks().isEmpty()) {
        throw ApiException.field(ProblemCode.INVALID_FIELD, prefix + "inline", "an entry carries either inline content or chunks, not both");
      }
      Base64Field.check(prefix + "inline", w.inline(), Protocol.MAX_INLINE_CHARS);
      return;
    }
    if (w.chunks().size() > Protocol.MAX_CHUNKS_PER_ENTRY) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, prefix + "chunks", "at most " + Protocol.MAX_CHUNKS_PER_ENTRY + " chunks per entry");
    }
    for (int i = 0; i < w.chunks().size(); i++) {
      if (!Ids.isChunkId(w.chunks().get(i))) {
        throw ApiException.field(ProblemCode.INVALID_ID, prefix + "chunks[" + i + "]",
            "not a valid chunk id (64 lowercase hex): " + Requests.printable(w.chunks().get(i)));
      }
    }
  }

  private static String strip(String prefix) {
    return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }
}
