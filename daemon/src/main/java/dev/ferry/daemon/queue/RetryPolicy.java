package dev.ferry.daemon.queue;

import dev.ferry.config.OfflineSettings;
import dev.ferry.config.RetrySettings;
import dev.ferry.daemon.core.Backoff;
import dev.ferry.daemon.core.ErrorCategory;
import java.time.Duration;
import java.util.Objects;

/**
 * When to try again ({@code [retry]}, {@code [offline]}). Pure: the random draw is a parameter.
 * <ul>
 *   <li>An item the hub refused with a retryable error waits {@code backoff * multiplier^n} (with
 *       jitter, at most {@code max_backoff}, at least the hub's Retry-After); after
 *       {@code max_attempts} answers like that, or at once for a non-retryable category, it goes
 *       to the failed queue.
 *   <li>A hub that does not answer at all counts against no item: the folder is offline and is
 *       probed with the same backoff, capped at {@code probe_interval}, until the hub answers.
 * </ul>
 */
public record RetryPolicy(int maxAttempts, Backoff items, Backoff probes) {
  public RetryPolicy {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(probes, "probes");
    if (maxAttempts < 1) throw new IllegalArgumentException("max_attempts must be at least 1: " + maxAttempts);
  }

  public static RetryPolicy of(RetrySettings retry, OfflineSettings offline) {
    Duration probeCap = offline.probeInterval().compareTo(retry.backoff()) < 0 ? retry.backoff() : offline.probeInterval();
    return new RetryPolicy(retry.maxAttempts(), new Backoff(retry.backoff(), retry.multiplier(), retry.maxBackoff()),
        new Backoff(retry.backoff(), retry.multiplier(), probeCap));
  }

  /** Whether an item that has failed {@code attempts} times with {@code category} is given up on. */
  public boolean givesUp(ErrorCategory category, int attempts) {
    return !category.retryable() || attempts >= maxAttempts;
  }

  /** The wait after the {@code attempts}-th failed attempt (1-based) of an item. */
  public Duration itemDelay(int attempts, Duration retryAfterOrNull, double draw) {
    return atLeast(items.delay(Math.max(0, attempts - 1), draw), retryAfterOrNull);
  }

  /** The wait before the next probe after {@code failedRuns} runs in a row found the hub unreachable (1-based). */
  public Duration probeDelay(int failedRuns, Duration retryAfterOrNull, double draw) {
    return atLeast(probes.delay(Math.max(0, failedRuns - 1), draw), retryAfterOrNull);
  }

  private static Duration atLeast(Duration d, Duration floor) {
    return floor != null && floor.compareTo(d) > 0 ? floor : d;
  }
}
