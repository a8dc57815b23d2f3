package dev.ferry.daemon.crypto;

/**
 * A wrapped folder key did not open with the account KEK: the password is wrong, or the stored
 * wrapped key was damaged. The two cannot be told apart, and the message says so.
 */
public class WrongKeyException extends CryptoException {
  public WrongKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
