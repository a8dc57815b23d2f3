package dev.ferry.protocol;

import java.time.Instant;
import java.util.List;

/**
 * One revision of one entry, as the hub stores and serves it. The hub sees only ciphertext:
 * {@code inline} and {@code meta} are base64 of AES-GCM ciphertext, {@code chunks} are keyed
 * HMAC ids. Exactly one of {@code chunks} (possibly empty) or {@code inline} carries the content
 * of a live entry; a tombstone ({@code deleted}) carries neither content but still has meta.
 */
public record EntryMeta(
    String entryId,
    long rev,
    long seq,
    boolean deleted,
    long size,
    List<String> chunks,
    @Base64Text String inline,
    @Base64Text String meta,
    String modifiedBy,
    Instant modifiedAt) {

  public EntryMeta {
    chunks = chunks == null ? List.of() : List.copyOf(chunks);
  }
}
