package dev.ferry.daemon.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test moves it (directly, or through {@link FakeScheduler#advance}). */
public final class FakeClock extends Clock {
  private volatile Instant now;

  public FakeClock() {
    this(Instant.parse("2025-01-01T00:00:00Z"));
  }

  public FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() { return now; }

  @Override
  public ZoneId getZone() { return ZoneOffset.UTC; }

  @Override
  public Clock withZone(ZoneId zone) { return this; }

  public void advance(Duration d) {
    if (d.isNegative()) throw new IllegalArgumentException("time does not go back: " + d);
    now = now.plus(d);
  }

  public void set(Instant t) { now = t; }
}
