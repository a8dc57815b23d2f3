package dev.ferry.daemon.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with jitter ({@code [retry]}): attempt {@code n} (0-based) waits about
 * {@code base * multiplier^n}, capped at {@code max}. "Equal jitter": the wait is drawn from
 * the upper half of that, {@code [d/2, d)}, so reconnecting devices spread out but none retries
 * much sooner than planned. The random draw is a parameter, so the schedule is table-testable.
 */
public record Backoff(Duration base, double multiplier, Duration max) {
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("backoff must be positive: " + base);
    if (max.compareTo(base) < 0) throw new IllegalArgumentException("max backoff " + max + " is below the base " + base);
    if (!(multiplier >= 1.0)) throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
  }

  /**
   * This backoff with its ceiling lowered to {@code cap} (never below {@code base}): for waits that
   * another setting bounds too, such as the event stream's reconnect, which retries no less often
   * than the offline probe ({@code probe_interval}).
   */
  public Backoff cappedAt(Duration cap) {
    Duration m = cap.compareTo(max) < 0 ? cap : max;
    return new Backoff(base, multiplier, m.compareTo(base) < 0 ? base : m);
  }

  /** The wait before attempt {@code attempt} without jitter. */
  public Duration ceiling(int attempt) {
    if (attempt < 0) throw new IllegalArgumentException("attempt must be >= 0: " + attempt);
    double ms = base.toMillis() * Math.pow(multiplier, attempt);
    return ms >= max.toMillis() ? max : Duration.ofMillis((long) ms);
  }

  /** The wait before attempt {@code attempt}, given a uniform random draw {@code random} in [0, 1). */
  public Duration delay(int attempt, double random) {
    if (!(random >= 0 && random < 1)) throw new IllegalArgumentException("random draw must be in [0, 1): " + random);
    long ceiling = ceiling(attempt).toMillis();
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) ((ceiling - half) * random));
  }
}
