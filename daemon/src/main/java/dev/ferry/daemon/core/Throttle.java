package dev.ferry.daemon.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** {@code performance.throttle}: at most one run start per folder per {@code spacing}. */
public record Throttle(Duration spacing) {
  public Throttle {
    Objects.requireNonNull(spacing, "spacing");
    if (spacing.isNegative()) throw new IllegalArgumentException("throttle must not be negative: " + spacing);
  }

  /**
   * The earliest moment a run may start, given the last start ({@code null}: none yet) and
   * whether a person waits on it (manual and pre-operation runs are never held back).
   */
  public Instant nextStart(Instant lastStart, Instant now, boolean bypass) {
    if (bypass || lastStart == null) return now;
    Instant allowed = lastStart.plus(spacing);
    return allowed.isAfter(now) ? allowed : now;
  }
}
