package dev.ferry.daemon.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.testing.FakeClock;
import dev.ferry.daemon.testing.FakeScheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The blocking startup trigger's wait: all runs ended, or the timeout, on a fake clock. */
class StartupWaitTest {
  private final FakeScheduler scheduler = new FakeScheduler(new FakeClock());
  private final CompletableFuture<String> a = new CompletableFuture<>();
  private final CompletableFuture<String> b = new CompletableFuture<>();
  private final Map<String, CompletableFuture<String>> runs = new LinkedHashMap<>(Map.of("a", a));

  {
    runs.put("b", b);
  }

  @Test
  void endsWhenEveryRunEndedEvenBadly() {
    CompletableFuture<StartupWait.Outcome> w = StartupWait.await(runs, Duration.ofSeconds(30), scheduler);
    a.complete("ok");
    assertFalse(w.isDone());
    b.completeExceptionally(new IllegalStateException("hub down"));
    assertEquals(new StartupWait.Outcome(true, List.of()), w.join());
    assertEquals(List.of(), scheduler.pendingDelays(), "the timeout is called off");
  }

  @Test
  void endsAtTheTimeoutNamingTheFoldersStillRunning() {
    CompletableFuture<StartupWait.Outcome> w = StartupWait.await(runs, Duration.ofSeconds(30), scheduler);
    a.complete("ok");
    scheduler.advance(Duration.ofMillis(29_999));
    assertFalse(w.isDone());
    scheduler.advance(Duration.ofMillis(1));
    assertTrue(w.isDone());
    assertEquals(new StartupWait.Outcome(false, List.of("b")), w.join());
    b.complete("late");
    assertFalse(w.join().completed(), "a late end changes nothing");
  }

  @Test
  void noFoldersMeansNoWait() {
    assertTrue(StartupWait.await(Map.of(), Duration.ofSeconds(30), scheduler).join().completed());
  }
}
