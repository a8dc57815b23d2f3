package dev.ferry.daemon.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.TriggerSettings;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.testing.FakeClock;
import dev.ferry.daemon.testing.FakeScheduler;
import dev.ferry.daemon.testing.RecordingRunBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Debounce, max delay, filtering and self-write suppression of the watch trigger, on a fake clock. */
class WatchTriggerTest {
  private final FakeClock clock = new FakeClock();
  private final FakeScheduler scheduler = new FakeScheduler(clock);
  private final EventBus bus = new EventBus();
  private final RecordingRunBody body = new RecordingRunBody(clock);
  private final FolderRunner runner =
      new FolderRunner("f", null, body, null, clock, scheduler, () -> Duration.ZERO, bus, scheduler);
  private final List<Set<String>> checked = new ArrayList<>();
  private boolean changed = true;
  private TriggerSettings.Watch settings = new TriggerSettings.Watch(true, Duration.ofMillis(500), Duration.ofSeconds(10));

  private final WatchTrigger watch = new WatchTrigger("f", runner, paths -> {
    checked.add(paths);
    return changed;
  }, () -> IgnoreRules.of(List.of("*.tmp", "cache/")), () -> settings, clock, scheduler);

  {
    bus.subscribe(e -> {
      if (e instanceof DaemonEvent.RunFinished) watch.runFinished();
    });
  }

  private void step(long ms) { scheduler.advance(Duration.ofMillis(ms)); }

  @Test
  void oneEventRunsAfterTheDebounce() {
    watch.changed("a.txt", false);
    step(499);
    assertEquals(0, body.runs().size());
    step(1);
    assertEquals(List.of("watch"), body.triggers());
    assertEquals(List.of(Set.of("a.txt")), checked);
  }

  @Test
  void eachEventRestartsTheQuietTime() {
    watch.changed("a.txt", false);
    step(400);
    watch.changed("b.txt", false);
    step(400);
    watch.changed("a.txt", false);
    step(499);
    assertEquals(0, body.runs().size());
    step(1);
    assertEquals(1, body.runs().size());
    assertEquals(List.of(Set.of("a.txt", "b.txt")), checked);
  }

  @Test
  void aFolderThatNeverGoesQuietStillSyncsAtTheMaxDelay() {
    for (int i = 0; i < 40; i++) { // an event every 300 ms for 12 s
      watch.changed("log.txt", false);
      step(300);
    }
    // Windows close at 10 s (the cap) after the first event; the next one at 10 s after its first.
    assertEquals(1, body.runs().size());
    assertEquals(clock.instant().minusMillis(12_000).plusMillis(10_000), body.runs().get(0).at());
    step(500);
    assertEquals(2, body.runs().size());
  }

  @Test
  void debounceZeroRunsAtOnce() {
    settings = new TriggerSettings.Watch(true, Duration.ZERO, Duration.ofSeconds(10));
    watch.changed("a.txt", false);
    scheduler.runDue();
    assertEquals(1, body.runs().size());
  }

  @Test
  void ownTempFilesTheMarkerAndIgnoredPathsAreDropped() {
    watch.changed(".ferry-tmp-123-0123456789abcdef", false);
    watch.changed("sub/.ferry-tmp-9-0123456789abcdef", false);
    watch.changed(".ferry", false);
    watch.changed("x.tmp", false);
    watch.changed("cache/deep/file", false);
    watch.changed("cache", true);
    assertFalse(watch.hasPendingEvents());
    step(20_000);
    assertEquals(0, body.runs().size());
    assertTrue(checked.isEmpty());
  }

  @Test
  void eventsThatMatchTheIndexStartNoRun() {
    changed = false; // the daemon's own writes: disk equals the index
    watch.changed("a.txt", false);
    step(1_000);
    assertEquals(List.of(Set.of("a.txt")), checked);
    assertEquals(0, body.runs().size());
  }

  @Test
  void aWindowClosingDuringARunIsJudgedWhenTheRunEnds() {
    List<Integer> checksSeenDuringTheRun = new ArrayList<>();
    FolderRunner slow = new FolderRunner("g", null, (q, s) -> {
      // The run writes a file (its event opens a window) and takes longer than the debounce.
      gWatch[0].changed("written-by-the-run.txt", false);
      scheduler.advance(Duration.ofMillis(600));
      checksSeenDuringTheRun.add(checked.size());
      return body.run(q, s);
    }, null, clock, scheduler, () -> Duration.ZERO, bus, scheduler);
    gWatch[0] = new WatchTrigger("g", slow, paths -> {
      checked.add(paths);
      return changed;
    }, IgnoreRules::none, () -> settings, clock, scheduler);
    bus.subscribe(e -> {
      if (e instanceof DaemonEvent.RunFinished f && f.folder().equals("g")) gWatch[0].runFinished();
    });
    changed = false; // the run's own write: on disk exactly as the index says once it committed
    slow.request(new SyncRequest(SyncDirection.BOTH, false, false, "manual"));
    scheduler.runDue();
    assertEquals(List.of(0), checksSeenDuringTheRun, "not judged while the run was writing");
    assertEquals(List.of(Set.of("written-by-the-run.txt")), checked, "judged once the run ended");
    assertEquals(1, body.runs().size(), "and it started no second run");
  }

  private final WatchTrigger[] gWatch = new WatchTrigger[1];

  @Test
  void lostEventsRunWithoutAskingTheIndex() {
    changed = false;
    watch.lost("queue overflow");
    step(500);
    assertEquals(1, body.runs().size());
    assertTrue(checked.isEmpty());
  }

  @Test
  void aFailingCheckErrsOnTheSideOfSyncing() {
    WatchTrigger w = new WatchTrigger("f", runner, p -> {
      throw new java.sql.SQLException("database is locked");
    }, IgnoreRules::none, () -> settings, clock, scheduler);
    w.changed("a", false);
    step(500);
    assertEquals(1, body.runs().size());
  }

  @Test
  void aReloadedDebounceAppliesToTheOpenWindow() {
    watch.changed("a.txt", false);
    settings = new TriggerSettings.Watch(true, Duration.ofMillis(100), Duration.ofSeconds(10));
    watch.settingsChanged();
    step(100);
    assertEquals(1, body.runs().size());
    step(1_000);
    assertEquals(1, body.runs().size(), "the old timer does not fire a second run");
  }
}
