package dev.ferry.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code [retry]}: a failed item is retried up to {@code maxAttempts} times, waiting
 * {@code backoff}, then {@code backoff * multiplier}, ... capped at {@code maxBackoff}; then it
 * moves to the failed queue.
 */
public record RetrySettings(int maxAttempts, Duration backoff, double multiplier, Duration maxBackoff) {
  public static final RetrySettings DEFAULTS = new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

  public RetrySettings {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
  }
}
