package dev.ferry.daemon.crypto;

import dev.ferry.protocol.KdfParams;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Account key derivation: Argon2id(password, salt) gives a 32-byte master secret, HKDF-SHA256
 * splits it into the auth key and the KEK. The parameters come from the hub before login, so
 * they are bounded here: a hostile hub must not make a device allocate 100 GiB or spin for an
 * hour.
 */
public final class KeyDerivation {
  /** Argon2id cost: memory in KiB, passes, lanes. */
  public record Cost(int memoryKiB, int iterations, int parallelism) {
    /** The cost new accounts get: 64 MiB, 3 passes, 1 lane (about a quarter second here). */
    public static final Cost DEFAULT = new Cost(65536, 3, 1);
    /** The cheapest cost accepted: for tests that create many accounts. */
    public static final Cost CHEAP = new Cost(MIN_MEMORY_KIB, 1, 1);
  }

  public static final int MIN_MEMORY_KIB = 8192;
  public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  public static final int MAX_ITERATIONS = 20;
  public static final int MAX_PARALLELISM = 16;
  public static final int SALT_BYTES = 16;
  /** Salts longer than this are not a stronger salt, only a hostile one. */
  private static final int MAX_SALT_BYTES = 256;

  static final String INFO_AUTH = "ferry/v1/auth";
  static final String INFO_KEK = "ferry/v1/kek";

  private KeyDerivation() {}

  /** Fresh parameters for a new account at the default cost, with a random 16-byte salt. */
  public static KdfParams newParams(SecureRandom random) {
    return newParams(random, Cost.DEFAULT);
  }

  /** Fresh parameters at the given cost, with a random 16-byte salt. */
  public static KdfParams newParams(SecureRandom random, Cost cost) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new KdfParams(KdfParams.ARGON2ID, Base64.getEncoder().encodeToString(salt),
        cost.memoryKiB(), cost.iterations(), cost.parallelism());
  }

  /**
   * Derives the account keys. The password array is left as it is (the caller owns and clears
   * it); the UTF-8 copy made here is cleared before returning.
   *
   * @throws CryptoException if the parameters are out of bounds or malformed
   */
  public static AccountKeys derive(char[] password, KdfParams params) throws CryptoException {
    byte[] salt = validate(params);
    byte[] passwordBytes = utf8(password);
    byte[] master = new byte[32];
    try {
      Argon2Parameters argon = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
          .withVersion(Argon2Parameters.ARGON2_VERSION_13)
          .withSalt(salt)
          .withMemoryAsKB(params.memoryKiB())
          .withIterations(params.iterations())
          .withParallelism(params.parallelism())
          .build();
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(argon);
      generator.generateBytes(passwordBytes, master);
      return new AccountKeys(Hkdf.sha256(master, INFO_AUTH, 32), Hkdf.sha256(master, INFO_KEK, 32));
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
      Arrays.fill(master, (byte) 0);
    }
  }

  /** Checks every parameter against its bounds and returns the decoded salt. */
  static byte[] validate(KdfParams params) throws CryptoException {
    if (params == null) {
      throw new CryptoException("KDF parameters are missing");
    }
    if (!KdfParams.ARGON2ID.equals(params.algorithm())) {
      throw new CryptoException("unsupported KDF algorithm '" + params.algorithm()
          + "': only " + KdfParams.ARGON2ID + " is accepted");
    }
    if (params.memoryKiB() < MIN_MEMORY_KIB || params.memoryKiB() > MAX_MEMORY_KIB) {
      throw new CryptoException("KDF memory " + params.memoryKiB() + " KiB is outside "
          + MIN_MEMORY_KIB + ".." + MAX_MEMORY_KIB + " KiB");
    }
    if (params.iterations() < 1 || params.iterations() > MAX_ITERATIONS) {
      throw new CryptoException("KDF iterations " + params.iterations() + " is outside 1.."
          + MAX_ITERATIONS);
    }
    if (params.parallelism() < 1 || params.parallelism() > MAX_PARALLELISM) {
      throw new CryptoException("KDF parallelism " + params.parallelism() + " is outside 1.."
          + MAX_PARALLELISM);
    }
    if (params.salt() == null) {
      throw new CryptoException("KDF salt is missing");
    }
    byte[] salt;
    try {
      salt = Base64.getDecoder().decode(params.salt());
    } catch (IllegalArgumentException e) {
      throw new CryptoException("KDF salt is not valid base64", e);
    }
    if (salt.length < SALT_BYTES || salt.length > MAX_SALT_BYTES) {
      throw new CryptoException("KDF salt is " + salt.length + " bytes; expected " + SALT_BYTES
          + ".." + MAX_SALT_BYTES);
    }
    return salt;
  }

  /** UTF-8 without going through a String, so the password exists only in arrays we clear. */
  private static byte[] utf8(char[] password) throws CryptoException {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer;
    try {
      buffer = encoder.encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new CryptoException("password is not valid Unicode (unpaired surrogate)", e);
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
    return out;
  }
}
