package dev.ferry.server.store;

import dev.ferry.protocol.KdfParams;

/** What an account is created from; see {@link Account}. */
public record NewAccount(String user, KdfParams kdf, byte[] authSalt, byte[] authHash) {}
