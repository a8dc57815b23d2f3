package dev.ferry.daemon.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The file events of one folder since the last watch-triggered run: when the first and the
 * last arrived. A run is due {@code debounce} after the last event, but never later than
 * {@code maxDelay} after the first, so a folder that never goes quiet still syncs.
 */
public record DebounceWindow(Instant first, Instant last) {
  public DebounceWindow {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (last.isBefore(first)) throw new IllegalArgumentException("last event " + last + " before first " + first);
  }

  /** A window opened by one event at {@code at}. */
  public static DebounceWindow open(Instant at) {
    return new DebounceWindow(at, at);
  }

  /** This window with one more event at {@code at} (a clock that went backwards changes nothing). */
  public DebounceWindow withEvent(Instant at) {
    return at.isAfter(last) ? new DebounceWindow(first, at) : this;
  }

  /** When the run is due: the earlier of quiet time after the last event and the cap after the first. */
  public Instant dueAt(Duration debounce, Duration maxDelay) {
    Instant quiet = last.plus(debounce);
    Instant cap = first.plus(maxDelay);
    return quiet.isBefore(cap) ? quiet : cap;
  }
}
