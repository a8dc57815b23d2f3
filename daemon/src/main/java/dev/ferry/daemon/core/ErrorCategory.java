package dev.ferry.daemon.core;

/**
 * The one error taxonomy of the daemon. Every failure is put in exactly one category, and the
 * category alone decides whether it is retried with backoff or moved to the failed queue.
 */
public enum ErrorCategory {
  NETWORK(true),
  TIMEOUT(true),
  RATE_LIMITED(true),
  SERVER(true),
  AUTH(false),
  PERMISSION(false),
  INVALID_DATA(false),
  CONFLICT(true),
  DISK(false),
  INTERNAL(false);

  private final boolean retryable;

  ErrorCategory(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() { return retryable; }

  /**
   * Whether a whole run that failed this way waits for a person, since waiting will not fix
   * it: the non-retryable ones, and a conflict, which only the mass-delete guard fails a run
   * with (it waits for {@code --allow-mass-delete}).
   */
  public boolean runWaitsForPerson() { return !retryable || this == CONFLICT; }

  /** The lowercase name used in logs ({@code error_category}) and JSON output. */
  public String wireName() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
}
