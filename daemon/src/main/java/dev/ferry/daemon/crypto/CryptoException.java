package dev.ferry.daemon.crypto;

/**
 * A cryptographic operation was refused: hostile or invalid parameters, a wrong key, or data
 * that fails authentication. Checked on purpose: every caller must decide whether the failure
 * is shown to the user (wrong password) or moves an item to the failed queue (tampered data).
 * Messages name what was wrong, never key material.
 */
public class CryptoException extends Exception {
  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
