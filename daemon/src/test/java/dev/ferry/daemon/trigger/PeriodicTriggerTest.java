package dev.ferry.daemon.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.config.TriggerSettings;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.testing.FakeClock;
import dev.ferry.daemon.testing.FakeScheduler;
import dev.ferry.daemon.testing.RecordingRunBody;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The periodic trigger on a fake clock: plain interval, only-if-changes, forced rescans. */
class PeriodicTriggerTest {
  private final FakeClock clock = new FakeClock();
  private final FakeScheduler scheduler = new FakeScheduler(clock);
  private final RecordingRunBody body = new RecordingRunBody(clock);
  private final FolderRunner runner =
      new FolderRunner("f", null, body, null, clock, scheduler, () -> Duration.ofSeconds(1), new EventBus(), scheduler);
  private final AtomicInteger scans = new AtomicInteger();
  private boolean dirty;
  private TriggerSettings.Periodic settings =
      new TriggerSettings.Periodic(true, Duration.ofMinutes(5), false, Duration.ofHours(1));
  private final PeriodicTrigger periodic = new PeriodicTrigger("f", runner, () -> {
    scans.incrementAndGet();
    return dirty;
  }, () -> settings, clock, scheduler);

  @Test
  void runsEveryIntervalWithoutScanning() {
    periodic.start();
    scheduler.advance(Duration.ofMinutes(16));
    assertEquals(List.of("periodic", "periodic", "periodic"), body.triggers());
    assertEquals(0, scans.get());
  }

  @Test
  void onlyIfChangesSkipsCleanTicksAndRescansAtTheRescanInterval() {
    settings = new TriggerSettings.Periodic(true, Duration.ofMinutes(5), true, Duration.ofMinutes(30));
    runner.request(new dev.ferry.daemon.engine.SyncRequest(dev.ferry.daemon.core.SyncDirection.BOTH, false, false, "startup"));
    scheduler.runDue();
    periodic.start();
    scheduler.advance(Duration.ofMinutes(12)); // ticks at 5 and 10: clean
    assertEquals(List.of("startup"), body.triggers());
    assertEquals(2, scans.get());
    dirty = true;
    scheduler.advance(Duration.ofMinutes(3)); // tick at 15: dirty
    assertEquals(List.of("startup", "periodic"), body.triggers());
    dirty = false;
    // Clean from now on: the rescan falls due 30 min after the last run started (at 15 min), i.e. at 45.
    scheduler.advance(Duration.ofMinutes(29));
    assertEquals(List.of("startup", "periodic"), body.triggers());
    scheduler.advance(Duration.ofMinutes(1));
    assertEquals(List.of("startup", "periodic", "rescan"), body.triggers());
  }

  @Test
  void aRescanIntervalShorterThanTheIntervalRescansInBetween() {
    settings = new TriggerSettings.Periodic(true, Duration.ofMinutes(5), false, Duration.ofSeconds(15));
    runner.request(new dev.ferry.daemon.engine.SyncRequest(dev.ferry.daemon.core.SyncDirection.BOTH, false, false, "startup"));
    scheduler.runDue();
    periodic.start();
    scheduler.advance(Duration.ofSeconds(61)); // rescans at 15, 30, 45 and 60 s
    assertEquals(List.of("startup", "rescan", "rescan", "rescan", "rescan"), body.triggers());
    runner.request(new dev.ferry.daemon.engine.SyncRequest(dev.ferry.daemon.core.SyncDirection.BOTH, false, false, "watch"));
    scheduler.advance(Duration.ofSeconds(10)); // a watch run at 61 s: the next rescan is due 15 s after it, at 76 s
    assertEquals(6, body.triggers().size());
    scheduler.advance(Duration.ofSeconds(4));
    assertEquals(6, body.triggers().size());
    scheduler.advance(Duration.ofSeconds(1));
    assertEquals("rescan", body.triggers().get(6));
    assertEquals(0, scans.get(), "not only_if_changes: no quick scan");
  }

  @Test
  void disabledMeansNoTicksAndStopCancels() {
    settings = new TriggerSettings.Periodic(false, Duration.ofMinutes(5), false, Duration.ofHours(1));
    periodic.start();
    scheduler.advance(Duration.ofHours(2));
    assertEquals(List.of(), body.triggers());
    settings = new TriggerSettings.Periodic(true, Duration.ofMinutes(5), false, Duration.ofHours(1));
    periodic.start();
    scheduler.advance(Duration.ofMinutes(5));
    periodic.stop();
    scheduler.advance(Duration.ofHours(1));
    assertEquals(List.of("periodic"), body.triggers());
  }
}
