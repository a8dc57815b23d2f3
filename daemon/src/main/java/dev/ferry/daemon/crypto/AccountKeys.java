package dev.ferry.daemon.crypto;

import java.util.Arrays;
import java.util.Base64;

/**
 * The two keys split from a password. {@code authKey} proves the password to the hub (sent
 * base64, the hub keeps only its hash); {@code kek} wraps folder keys and never leaves the
 * device. Both are 32 bytes.
 */
public record AccountKeys(byte[] authKey, byte[] kek) {
  public AccountKeys {
    if (authKey == null || authKey.length != 32 || kek == null || kek.length != 32) {
      throw new IllegalArgumentException("account keys must be 32 bytes each");
    }
  }

  /** The auth key as the hub expects it: standard base64. */
  public String authKeyBase64() {
    return Base64.getEncoder().encodeToString(authKey);
  }

  /** Overwrites both keys with zeros, for when the keys are no longer needed. */
  public void destroy() {
    Arrays.fill(authKey, (byte) 0);
    Arrays.fill(kek, (byte) 0);
  }

  /** Never prints key material, so a record that lands in a log line discloses nothing. */
  @Override
  public String toString() {
    return "AccountKeys[redacted]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountKeys other
        && java.security.MessageDigest.isEqual(authKey, other.authKey)
        && java.security.MessageDigest.isEqual(kek, other.kek);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(authKey);
  }
}
