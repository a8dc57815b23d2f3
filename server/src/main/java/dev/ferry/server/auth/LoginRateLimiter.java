package dev.ferry.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (a user name, a remote address) in a sliding window. Once a key
 * reaches {@code maxFailures} within {@code window}, further attempts are refused until the
 * oldest failure leaves the window. In memory: a restart forgives, which is acceptable for a
 * guard against online guessing of a full-entropy auth key.
 */
public final class LoginRateLimiter {
  /** Above this many tracked keys, stale ones are dropped so a flood cannot exhaust memory. */
  private static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginRateLimiter(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** Seconds to wait when {@code key} is blocked now; empty when an attempt is allowed. */
  public OptionalLong blockedFor(String key) {
    Deque<Instant> q = failures.get(key);
    if (q == null) return OptionalLong.empty();
    Instant now = clock.instant();
    synchronized (q) {
      expire(q, now);
      if (q.size() < maxFailures) return OptionalLong.empty();
      Instant freeAt = q.peekFirst().plus(window);
      long seconds = Math.max(1, (Duration.between(now, freeAt).toMillis() + 999) / 1000);
      return OptionalLong.of(seconds);
    }
  }

  public void recordFailure(String key) {
    if (failures.size() > MAX_KEYS) sweep();
    Instant now = clock.instant();
    Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (q) {
      expire(q, now);
      q.addLast(now);
      while (q.size() > maxFailures) q.removeFirst();
    }
  }

  public void reset(String key) {
    failures.remove(key);
  }

  private void expire(Deque<Instant> q, Instant now) {
    Instant horizon = now.minus(window);
    while (!q.isEmpty() && !q.peekFirst().isAfter(horizon)) q.removeFirst();
  }

  private void sweep() {
    Instant now = clock.instant();
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        expire(e.getValue(), now);
        return e.getValue().isEmpty();
      }
    });
  }
}
