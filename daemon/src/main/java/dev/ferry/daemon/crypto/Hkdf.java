package dev.ferry.daemon.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA256 (RFC 5869) through Bouncy Castle's lightweight API. No salt: every input key
 * is already uniformly random (an Argon2id output or a random folder key), so extraction with
 * the all-zero salt is what the RFC recommends.
 */
final class Hkdf {
  private Hkdf() {}

  /** {@code length} bytes of output keying material for {@code info} (an ASCII label). */
  static byte[] sha256(byte[] inputKey, String info, int length) {
    return sha256(inputKey, null, info.getBytes(StandardCharsets.US_ASCII), length);
  }

  static byte[] sha256(byte[] inputKey, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(inputKey, salt, info));
    byte[] out = new byte[length];
    generator.generateBytes(out, 0, length);
    return out;
  }
}
