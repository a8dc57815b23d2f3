package dev.ferry.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure timing rules of the triggers, one table each. */
class TimingRulesTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static Instant t(long ms) { return T0.plusMillis(ms); }

  // ---- debounce: quiet time after the last event, capped at max delay after the first

  @ParameterizedTest(name = "events {0}..{1} ms, debounce {2}, max {3} -> due at {4}")
  @CsvSource({
      // first, last, debounce, maxDelay, due
      "0,    0,     500, 10000, 500",    // one event: debounce after it
      "0,    300,   500, 10000, 800",    // a later event resets the quiet time
      "0,    9800,  500, 10000, 10000",  // never quiet: the cap wins
      "0,    20000, 500, 10000, 10000",  // long past the cap: due at the cap (i.e. now)
      "0,    0,     0,   10000, 0",      // debounce 0: at once
      "100,  100,   500, 200,   300",    // max delay shorter than debounce caps even one event
  })
  void debounceDue(long first, long last, long debounce, long max, long due) {
    DebounceWindow w = new DebounceWindow(t(first), t(last));
    assertEquals(t(due), w.dueAt(Duration.ofMillis(debounce), Duration.ofMillis(max)));
  }

  @Test
  void windowGrowsWithEventsAndIgnoresAClockGoingBack() {
    DebounceWindow w = DebounceWindow.open(t(100)).withEvent(t(400)).withEvent(t(200));
    assertEquals(new DebounceWindow(t(100), t(400)), w);
    assertThrows(IllegalArgumentException.class, () -> new DebounceWindow(t(5), t(4)));
  }

  // ---- throttle: spacing between starts, none for manual and pre-operation

  @ParameterizedTest(name = "last start {0}, now {1}, throttle {2}, bypass {3} -> {4}")
  @CsvSource({
      // lastStart (-1 none), now, throttle, bypass, next
      "-1,   0,    1000, false, 0",
      "0,    0,    1000, false, 1000",
      "0,    400,  1000, false, 1000",
      "0,    1000, 1000, false, 1000",
      "0,    2500, 1000, false, 2500",
      "0,    400,  1000, true,  400",
      "0,    0,    0,    false, 0",
  })
  void throttleSpacing(long last, long now, long spacing, boolean bypass, long next) {
    assertEquals(t(next), new Throttle(Duration.ofMillis(spacing)).nextStart(last < 0 ? null : t(last), t(now), bypass));
  }

  // ---- backoff: base * multiplier^n capped, equal jitter in [d/2, d)

  @ParameterizedTest(name = "attempt {0}, random {1} -> {2} ms")
  @CsvSource({
      // base 1s, x2, max 5m
      "0,  0.0,    500",
      "0,  0.5,    750",
      "0,  0.9999, 999",
      "1,  0.0,    1000",
      "2,  0.0,    2000",
      "3,  0.5,    6000",
      "8,  0.0,    128000",
      "9,  0.0,    150000",  // 512 s is capped at 300 s, so [150 s, 300 s)
      "9,  0.9999, 299985",
      "40, 0.0,    150000",  // huge attempts stay capped, no overflow
  })
  void backoffSchedule(int attempt, double random, long expectedMs) {
    Backoff b = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));
    assertEquals(expectedMs, b.delay(attempt, random).toMillis());
  }

  @ParameterizedTest(name = "max {0} s capped at {1} s -> ceiling {2} s")
  @CsvSource({
      // base 1 s; max, cap, resulting max
      "300, 30,  30",   // the event stream: max_backoff 5 min, probe_interval 30 s
      "10,  30,  10",   // a cap above max changes nothing
      "300, 0,   1",    // never below the base
      "300, 300, 300",
  })
  void backoffCappedAt(long max, long cap, long ceiling) {
    Backoff b = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(max)).cappedAt(Duration.ofSeconds(cap));
    assertEquals(Duration.ofSeconds(ceiling), b.max());
    assertEquals(Duration.ofSeconds(ceiling), b.ceiling(40));
  }

  @Test
  void backoffRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, 2, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(9)));
    Backoff b = new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(9));
    assertThrows(IllegalArgumentException.class, () -> b.delay(0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> b.delay(-1, 0.1));
  }

  // ---- periodic: every interval (with only_if_changes, only when dirty); a rescan when no run
  // started for rescan_interval, whichever falls due first

  private static final long M5 = 300_000L;
  private static final long H1 = 3_600_000L;
  private static final long S15 = 15_000L;

  static Stream<Arguments> periodicCases() {
    // onlyIfChanges, rescan interval, interval due at, lastRunStart (-1 none), now, dirty,
    // expected trigger, next tick, next interval due at (interval always 5 min)
    return Stream.of(
        Arguments.of(false, H1, M5, 0L, M5, false, Trigger.PERIODIC, 2 * M5, 2 * M5),
        Arguments.of(false, H1, M5, -1L, M5, false, Trigger.PERIODIC, 2 * M5, 2 * M5),
        Arguments.of(true, H1, M5, 0L, M5, true, Trigger.PERIODIC, 2 * M5, 2 * M5),
        Arguments.of(true, H1, M5, 0L, M5, false, null, 2 * M5, 2 * M5),
        Arguments.of(true, H1, 3_500_000L, 0L, 3_500_000L, false, null, H1, 3_800_000L), // next tick at the rescan time
        Arguments.of(true, H1, 3_800_000L, 0L, H1, false, Trigger.RESCAN, 3_800_000L, 3_800_000L), // the interval stays
        Arguments.of(true, H1, M5, -1L, M5, false, Trigger.RESCAN, 2 * M5, 2 * M5),       // never ran: rescan
        // rescan_interval (15 s) shorter than interval (5 min): rescans in between, whatever only_if_changes says
        Arguments.of(false, S15, M5, 0L, S15, false, Trigger.RESCAN, 2 * S15, M5),
        Arguments.of(true, S15, M5, 0L, S15, false, Trigger.RESCAN, 2 * S15, M5),
        Arguments.of(false, S15, M5, 0L, 10_000L, false, null, S15, M5),                   // not due yet: wait for it
        Arguments.of(false, S15, M5, 20_000L, 30_000L, false, null, 35_000L, M5),           // a run since: 15 s after it
        Arguments.of(false, S15, M5, 285_000L, M5, false, Trigger.PERIODIC, 315_000L, 2 * M5), // both due: one run
        Arguments.of(true, S15, M5, 290_000L, M5, false, null, 305_000L, 2 * M5));          // clean interval tick
  }

  @ParameterizedTest(name = "[{index}] onlyIfChanges={0} rescan={1} periodicAt={2} last={3} now={4} dirty={5} -> {6}, next {7}")
  @MethodSource("periodicCases")
  void periodic(boolean onlyIfChanges, long rescan, long periodicAt, long last, long now, boolean dirty, Trigger expected,
      long next, long nextPeriodic) {
    AtomicBoolean asked = new AtomicBoolean();
    PeriodicPolicy.Decision d = PeriodicPolicy.decide(onlyIfChanges, Duration.ofMinutes(5), Duration.ofMillis(rescan),
        t(periodicAt), last < 0 ? null : t(last), t(now), () -> {
          asked.set(true);
          return dirty;
        });
    assertEquals(expected, d.trigger());
    assertEquals(t(next), d.nextTick());
    assertEquals(t(nextPeriodic), d.periodicAt());
    if (!onlyIfChanges) assertFalse(asked.get(), "the dirty scan is skipped when not needed");
  }

  // ---- trigger names

  @ParameterizedTest
  @CsvSource({
      "watch, watch, watch",
      "watch, realtime, watch+realtime",
      "watch+realtime, watch, watch+realtime",
      "periodic, manual+watch, periodic+manual+watch",
  })
  void triggersCombineOncePerName(String a, String b, String combined) {
    assertEquals(combined, Trigger.combine(a, b));
  }

  @Test
  void onlyManualAndPreOperationBypassTheThrottle() {
    assertTrue(Trigger.bypassesThrottle("manual"));
    assertTrue(Trigger.bypassesThrottle("watch+pre-operation"));
    assertFalse(Trigger.bypassesThrottle("watch+realtime+startup+periodic+rescan"));
    assertEquals(Trigger.PRE_OPERATION, Trigger.parse("pre-operation"));
    assertThrows(IllegalArgumentException.class, () -> Trigger.parse("cron"));
  }
}
