package dev.ferry.server.store;

/** The database failed (I/O, corruption, a bug in SQL); the API answers 500 or 503. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
