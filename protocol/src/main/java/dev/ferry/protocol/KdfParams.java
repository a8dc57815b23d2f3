package dev.ferry.protocol;

/**
 * Argon2id parameters of an account, public so a device can derive keys before it logs in.
 * {@code salt} is base64 (16 bytes or more).
 */
public record KdfParams(String algorithm, String salt, int memoryKiB, int iterations, int parallelism) {
  public static final String ARGON2ID = "argon2id";
}
