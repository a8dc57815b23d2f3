package dev.ferry.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.engine.RunProgress;
import dev.ferry.daemon.testing.FakeClock;
import dev.ferry.daemon.testing.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's progress events: on a fake clock, only when counters moved, and a final one at the end. */
class ProgressPublisherTest {
  @Test
  void publishesWhatMovedEachPeriodAndTheFinalCountOnClose() {
    FakeClock clock = new FakeClock();
    FakeScheduler timers = new FakeScheduler(clock);
    EventBus bus = new EventBus();
    List<DaemonEvent.Progress> seen = new ArrayList<>();
    bus.subscribe(e -> seen.add((DaemonEvent.Progress) e));
    RunProgress progress = new RunProgress();
    ProgressPublisher p = ProgressPublisher.start(bus, timers, clock, "docs", "s-1", progress, Duration.ofMillis(250));

    timers.advance(Duration.ofMillis(250));
    assertTrue(seen.isEmpty(), "nothing planned or done yet: nothing to say");
    progress.plan(3, 3000);
    progress.bytes(1000);
    progress.fileDone();
    timers.advance(Duration.ofMillis(250));
    assertEquals(List.of(new DaemonEvent.Progress("docs", "s-1", 1, 3, 1000, 3000, clock.instant())), seen);
    timers.advance(Duration.ofMillis(1000));
    assertEquals(1, seen.size(), "no movement, no repeat");

    progress.bytes(2000);
    progress.fileDone();
    progress.fileDone();
    p.close();
    assertEquals(2, seen.size());
    assertEquals(3, seen.get(1).filesDone());
    assertEquals(3000, seen.get(1).bytesDone());
    timers.advance(Duration.ofMillis(1000));
    assertEquals(2, seen.size(), "closed: no more ticks");
    assertTrue(timers.pendingDelays().isEmpty());
  }
}
