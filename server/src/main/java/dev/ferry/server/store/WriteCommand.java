package dev.ferry.server.store;

import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One validated revision write. {@code baseRev} 0 means "the entry must not exist"
 * (If-None-Match: *), otherwise it must equal the head rev (If-Match). {@code idempotencyKey}
 * may be null.
 */
public record WriteCommand(String entryId, long baseRev, String idempotencyKey, EntryWrite write) {

  /**
   * A digest of what was asked, stored with the idempotency key so that a key reused for a
   * different request is told apart from a retry of the same one.
   */
  public byte[] requestHash() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((entryId + "\n" + baseRev + "\n").getBytes(StandardCharsets.UTF_8));
      md.update(Json.write(EntryWrite.class, write).getBytes(StandardCharsets.UTF_8));
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
