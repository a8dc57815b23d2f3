package dev.ferry.server.auth;

import dev.ferry.protocol.KdfParams;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * KDF parameters for user names that have no account. The KDF lookup needs no login, so it
 * must not tell whether an account exists: an unknown name gets parameters shaped like a real
 * account's, with a salt derived by HMAC from the name and a server secret — the same answer
 * every time, different for every name, unpredictable without the secret.
 */
public final class DecoyKdf {
  /** The parameters decoys show; they match what Ferry clients choose for new accounts. */
  public static final int MEMORY_KIB = 65_536;
  public static final int ITERATIONS = 3;
  public static final int PARALLELISM = 1;

  private final byte[] secret;

  public DecoyKdf(byte[] secret) {
    this.secret = secret.clone();
  }

  public KdfParams forUser(String user) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] salt = Arrays.copyOf(mac.doFinal(("kdf-salt:" + user).getBytes(StandardCharsets.UTF_8)), 16);
      return new KdfParams(KdfParams.ARGON2ID, Base64.getEncoder().encodeToString(salt), MEMORY_KIB, ITERATIONS, PARALLELISM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
