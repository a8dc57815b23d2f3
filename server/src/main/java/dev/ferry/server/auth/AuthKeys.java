package dev.ferry.server.auth;

import java.security.MessageDigest;

/**
 * How the hub keeps a client's auth key: SHA-256 over a random 16-byte salt and the key. The
 * auth key is itself the output of Argon2id and HKDF on the client, so it has full entropy and
 * a slow hash here would add nothing but load; the salt keeps equal keys from looking equal.
 */
public final class AuthKeys {
  public static final int SALT_BYTES = 16;
  /** Auth keys shorter than this are refused: they cannot be KDF output. */
  public static final int MIN_KEY_BYTES = 16;
  public static final int MAX_KEY_BYTES = 128;

  private AuthKeys() {}

  /** A salted hash of {@code authKey}: {@code [salt, hash]}. */
  public static byte[][] hash(byte[] authKey) {
    byte[] salt = Tokens.randomBytes(SALT_BYTES);
    return new byte[][] {salt, Tokens.sha256(salt, authKey)};
  }

  /** Constant-time comparison of {@code authKey} against a stored salted hash. */
  public static boolean matches(byte[] authKey, byte[] salt, byte[] hash) {
    return MessageDigest.isEqual(Tokens.sha256(salt, authKey), hash);
  }
}
