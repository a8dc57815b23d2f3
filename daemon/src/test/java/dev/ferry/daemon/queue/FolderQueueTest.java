package dev.ferry.daemon.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.testing.FakeClock;
import dev.ferry.daemon.testing.FakeScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What follows a run, on a fake clock: probes while the hub is away, item retries, nothing after an auth failure. */
class FolderQueueTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void probesBackOffUpToTheProbeIntervalAndAWakeStartsARun() throws Exception {
    FakeClock clock = new FakeClock(T0);
    FakeScheduler timers = new FakeScheduler(clock);
    RetrySchedule schedule = new RetrySchedule(clock, timers);
    AtomicInteger runs = new AtomicInteger();
    schedule.register("docs", runs::incrementAndGet);
    try (Outbox outbox = new Outbox(StateDb.open(dir.resolve("state.db")), "docs", clock, OutboxTest.POLICY, () -> 0.0)) {
      FolderQueue q = new FolderQueue(outbox, schedule, clock, () -> 0.0);
      assertTrue(q.afterRun(ErrorCategory.NETWORK, null), "offline: QUEUED");
      assertEquals(Optional.of(T0.plusMillis(500)), q.nextRetry());
      assertTrue(q.afterRun(ErrorCategory.NETWORK, null));
      assertEquals(Optional.of(T0.plusSeconds(1)), q.nextRetry(), "the second probe waits longer");
      for (int i = 0; i < 10; i++) q.afterRun(ErrorCategory.TIMEOUT, null);
      assertEquals(Optional.of(T0.plusSeconds(15)), q.nextRetry(), "capped by probe_interval (30 s, draw 0)");
      assertTrue(q.afterRun(ErrorCategory.RATE_LIMITED, Duration.ofSeconds(90)));
      assertEquals(Optional.of(T0.plusSeconds(90)), q.nextRetry(), "Retry-After");
      timers.advance(Duration.ofSeconds(89));
      assertEquals(0, runs.get());
      timers.advance(Duration.ofSeconds(1));
      assertEquals(1, runs.get(), "one run, the replaced plans never fire");
      assertEquals(Optional.empty(), q.nextRetry());

      // Back online with an item backing off: wake at its time; then nothing.
      outbox.record(List.of(new LocalChange("a", "upload", 0, "FILE:1")));
      outbox.attemptFailed("a", ErrorCategory.SERVER, "500", null);
      assertTrue(q.afterRun(null, null));
      assertEquals(Optional.of(clock.instant().plusMillis(500)), q.nextRetry());
      outbox.acknowledged(List.of("a"));
      assertFalse(q.afterRun(null, null));
      assertEquals(Optional.empty(), q.nextRetry());

      // A revoked token or the mass-delete guard: waiting fixes nothing, nothing is planned.
      q.afterRun(ErrorCategory.NETWORK, null);
      assertFalse(q.afterRun(ErrorCategory.AUTH, null));
      assertEquals(Optional.empty(), q.nextRetry());
      assertFalse(q.afterRun(ErrorCategory.CONFLICT, null));

      // A daemon starting with items in its outbox tries them at once.
      outbox.record(List.of(new LocalChange("b", "upload", 0, "FILE:2")));
      q.resume();
      timers.runDue();
      assertEquals(2, runs.get());
    }
  }
}
