package dev.ferry.daemon.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.KdfParams;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyDerivationTest {
  private static final HexFormat HEX = HexFormat.of();
  /** 16 bytes 00..0f. */
  private static final String SALT = Base64.getEncoder().encodeToString(
      HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
  private static final KdfParams FIXED = new KdfParams("argon2id", SALT, 8192, 1, 1);

  /**
   * Pins our derive() output: if anything in the chain (UTF-8, Argon2id settings, HKDF labels)
   * changes, existing accounts could no longer log in.
   */
  @Test
  void deriveRegressionVector() throws Exception {
    AccountKeys keys = KeyDerivation.derive("correct horse battery staple".toCharArray(), FIXED);
    assertEquals(AUTH_VECTOR, HEX.formatHex(keys.authKey()));
    assertEquals(KEK_VECTOR, HEX.formatHex(keys.kek()));
  }

  private static final String AUTH_VECTOR = "6473afd59ce4dd0cd3977cebb518946bf357b1e108cc26ced96f285ecdf0f9ca";
  private static final String KEK_VECTOR = "69de3f3c8e75bc863439fd8744b54e36c0071a4d933a30b0f418fba344cb365b";

  /** The same chain computed independently: BC Argon2id, then RFC 5869 HKDF by hand over JDK HMAC. */
  @Test
  void deriveIsArgon2idThenHkdfWithOurLabels() throws Exception {
    String password = "pässwörd ✓";
    Argon2BytesGenerator argon = new Argon2BytesGenerator();
    argon.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(Base64.getDecoder().decode(SALT))
        .withMemoryAsKB(8192).withIterations(1).withParallelism(1).build());
    byte[] master = new byte[32];
    argon.generateBytes(password.getBytes(StandardCharsets.UTF_8), master);

    AccountKeys keys = KeyDerivation.derive(password.toCharArray(), FIXED);
    assertArrayEquals(hkdfByHand(master, "ferry/v1/auth"), keys.authKey());
    assertArrayEquals(hkdfByHand(master, "ferry/v1/kek"), keys.kek());
    assertFalse(java.util.Arrays.equals(keys.authKey(), keys.kek()));
  }

  private static byte[] hkdfByHand(byte[] ikm, String info) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[32], "HmacSHA256")); // no salt = 32 zero bytes
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update(info.getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) 1);
    return mac.doFinal(); // T(1) is exactly 32 bytes
  }

  @Test
  void differentPasswordOrSaltGivesDifferentKeys() throws Exception {
    AccountKeys a = KeyDerivation.derive("one".toCharArray(), FIXED);
    AccountKeys b = KeyDerivation.derive("two".toCharArray(), FIXED);
    KdfParams otherSalt = KeyDerivation.newParams(new SecureRandom(), KeyDerivation.Cost.CHEAP);
    AccountKeys c = KeyDerivation.derive("one".toCharArray(), otherSalt);
    assertNotEquals(a, b);
    assertNotEquals(a, c);
    assertEquals(a, KeyDerivation.derive("one".toCharArray(), FIXED));
  }

  @Test
  void newParamsHasRandomSaltAndDefaults() throws Exception {
    SecureRandom random = new SecureRandom();
    KdfParams p = KeyDerivation.newParams(random);
    assertEquals("argon2id", p.algorithm());
    assertEquals(65536, p.memoryKiB());
    assertEquals(3, p.iterations());
    assertEquals(1, p.parallelism());
    assertEquals(16, Base64.getDecoder().decode(p.salt()).length);
    assertNotEquals(p.salt(), KeyDerivation.newParams(random).salt());
    KeyDerivation.validate(p); // defaults are within our own bounds
    KdfParams cheap = KeyDerivation.newParams(random, KeyDerivation.Cost.CHEAP);
    assertEquals(8192, cheap.memoryKiB());
    assertEquals(1, cheap.iterations());
  }

  @Test
  void keysNeverPrint() throws Exception {
    AccountKeys keys = KeyDerivation.derive("x".toCharArray(), FIXED);
    assertFalse(keys.toString().contains(HEX.formatHex(keys.kek()).substring(0, 8)));
    assertEquals(Base64.getEncoder().encodeToString(keys.authKey()), keys.authKeyBase64());
  }

  static Stream<Arguments> hostileParams() {
    String salt15 = Base64.getEncoder().encodeToString(new byte[15]);
    return Stream.of(
        Arguments.of(new KdfParams("argon2i", SALT, 8192, 1, 1), "algorithm 'argon2i'"),
        Arguments.of(new KdfParams(null, SALT, 8192, 1, 1), "algorithm 'null'"),
        Arguments.of(new KdfParams("argon2id", SALT, 8191, 1, 1), "memory 8191 KiB"),
        Arguments.of(new KdfParams("argon2id", SALT, 104_857_600, 1, 1), "memory 104857600 KiB"),
        Arguments.of(new KdfParams("argon2id", SALT, 4 * 1024 * 1024 + 1, 1, 1), "memory"),
        Arguments.of(new KdfParams("argon2id", SALT, 8192, 0, 1), "iterations 0"),
        Arguments.of(new KdfParams("argon2id", SALT, 8192, 21, 1), "iterations 21"),
        Arguments.of(new KdfParams("argon2id", SALT, 8192, 1, 0), "parallelism 0"),
        Arguments.of(new KdfParams("argon2id", SALT, 8192, 1, 17), "parallelism 17"),
        Arguments.of(new KdfParams("argon2id", salt15, 8192, 1, 1), "salt is 15 bytes"),
        Arguments.of(new KdfParams("argon2id", "not base64!", 8192, 1, 1), "not valid base64"),
        Arguments.of(new KdfParams("argon2id", null, 8192, 1, 1), "salt is missing"));
  }

  @ParameterizedTest
  @MethodSource("hostileParams")
  void refusesHostileParameters(KdfParams params, String messagePart) {
    CryptoException e = assertThrows(CryptoException.class,
        () -> KeyDerivation.derive("pw".toCharArray(), params));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void refusesUnpairedSurrogateInPassword() {
    CryptoException e = assertThrows(CryptoException.class,
        () -> KeyDerivation.derive(new char[] {'a', '\ud800'}, FIXED));
    assertTrue(e.getMessage().contains("password"), e.getMessage());
  }
}
