package dev.ferry.daemon.crypto;

/**
 * Sealed data from the hub did not authenticate or did not decode: flipped bits, truncation,
 * a blob moved to another entry, revision or folder, an unknown format version, a chunk that
 * is not the one its id names, or a decompression bomb. The data must not be used.
 */
public class TamperedException extends CryptoException {
  public TamperedException(String message) {
    super(message);
  }

  public TamperedException(String message, Throwable cause) {
    super(message, cause);
  }
}
