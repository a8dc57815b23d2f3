package dev.ferry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets the hub hands out (device tokens, device ids, invite codes) and the SHA-256
 * the hub stores instead of them. A token is 256 random bits, so an unsalted hash is enough: a
 * leaked database does not yield usable tokens.
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  public static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** A bearer token: 32 random bytes, URL-safe base64 (43 chars). */
  public static String newDeviceToken() { return B64URL.encodeToString(randomBytes(32)); }

  /** A device id: 16 random bytes, URL-safe base64 (22 chars); matches {@code Ids.isDeviceId}. */
  public static String newDeviceId() { return B64URL.encodeToString(randomBytes(16)); }

  /** An invite code: 16 random bytes, URL-safe base64 (22 chars); matches {@code Ids.isInvite}. */
  public static String newInviteCode() { return B64URL.encodeToString(randomBytes(16)); }

  public static byte[] sha256(String s) { return sha256(s.getBytes(StandardCharsets.UTF_8)); }

  public static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) md.update(p);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
