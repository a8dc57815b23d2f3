package dev.ferry.daemon.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * Published test vectors for each primitive, called the way Ferry calls it, so a wrong
 * parameter in the wiring (version, lanes, tag length, salt/info order) fails here.
 */
class PrimitiveKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  /** RFC 9106 §5.3: Argon2id, version 0x13, with secret and associated data. */
  @Test
  void argon2idRfc9106() {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(32)
        .withIterations(3)
        .withParallelism(4)
        .withSalt(filled(16, 0x02))
        .withSecret(filled(8, 0x03))
        .withAdditional(filled(12, 0x04))
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] tag = new byte[32];
    generator.generateBytes(filled(32, 0x01), tag);
    assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
        HEX.formatHex(tag));
  }

  /** RFC 5869 test case 1: HKDF-SHA256 with salt and info. */
  @Test
  void hkdfSha256Rfc5869Case1() {
    byte[] okm = Hkdf.sha256(filled(22, 0x0b), HEX.parseHex("000102030405060708090a0b0c"),
        HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
    assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        + "34007208d5b887185865", HEX.formatHex(okm));
  }

  /** RFC 5869 test case 3: no salt, no info (our subkeys use no salt). */
  @Test
  void hkdfSha256Rfc5869Case3WithoutSalt() {
    byte[] okm = Hkdf.sha256(filled(22, 0x0b), null, new byte[0], 42);
    assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
        + "9d201395faa4b61a96c8", HEX.formatHex(okm));
  }

  /** RFC 4231 test case 2: HMAC-SHA256, the JDK provider we use for entry and chunk ids. */
  @Test
  void hmacSha256Rfc4231Case2() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("Jefe".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    byte[] out = mac.doFinal("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        HEX.formatHex(out));
  }

  /** McGrew–Viega GCM spec, test case 16: AES-256, 96-bit IV, 60-byte plaintext, with AAD. */
  @Test
  void aes256GcmMcGrewViegaCase16() throws Exception {
    byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
    byte[] plain = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    String expected = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
        + "76fc6ece0f4e1768cddf8853bb2d551b";
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad);
    assertEquals(expected, HEX.formatHex(cipher.doFinal(plain)));
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad);
    assertArrayEquals(plain, cipher.doFinal(HEX.parseHex(expected)));
  }
}
