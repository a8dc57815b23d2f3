package dev.ferry.server.store;

import dev.ferry.protocol.KdfParams;
import java.time.Instant;

/**
 * A stored account. {@code authSalt} and {@code authHash} are the salted hash of the client's
 * auth key; the key itself is never stored.
 */
public record Account(long id, String user, KdfParams kdf, byte[] authSalt, byte[] authHash, Instant createdAt) {}
