package dev.ferry.daemon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.testing.FakeClock;
import dev.ferry.daemon.testing.FakeScheduler;
import dev.ferry.daemon.testing.RecordingRunBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The per-folder scheduler with a fake clock: single flight, collapse, throttle, events. No sleeps. */
class FolderRunnerTest {
  private final FakeClock clock = new FakeClock();
  private final FakeScheduler scheduler = new FakeScheduler(clock);
  private final EventBus bus = new EventBus();
  private final List<DaemonEvent> published = new CopyOnWriteArrayList<>();
  private final RecordingRunBody body = new RecordingRunBody(clock);
  private final List<RunReport> recorded = new ArrayList<>();
  private Duration throttle = Duration.ofSeconds(1);

  {
    bus.subscribe(published::add);
  }

  /** Runs execute on the fake scheduler too: a run is "in progress" until the test lets it run. */
  private FolderRunner runner(FolderRunner.RunBody b) {
    return new FolderRunner("f", null, b, recorded::add, clock, scheduler, () -> throttle, bus, scheduler);
  }

  private static SyncRequest req(String trigger) {
    return new SyncRequest(SyncDirection.BOTH, false, false, trigger);
  }


  @Test
  void whoHearsThatARunFinishedSeesItNoLongerRunning() {
    FolderRunner r = runner(body);
    List<Boolean> runningWhenHeard = new ArrayList<>();
    bus.subscribe(e -> {
      if (e instanceof DaemonEvent.RunFinished) runningWhenHeard.add(r.isRunning());
    });
    r.request(req("watch"));
    scheduler.advance(Duration.ofSeconds(5));
    // The watch trigger asks isRunning() on RunFinished; a true here would park its events forever.
    assertEquals(List.of(false), runningWhenHeard);
  }

  @Test
  void triggersDuringARunCollapseIntoExactlyOneFollowUp() {
    FolderRunner r = runner(body);
    CompletableFuture<RunReport> first = r.request(req("startup"));
    assertTrue(r.isRunning());
    CompletableFuture<RunReport> a = r.request(req("watch"));
    CompletableFuture<RunReport> b = r.request(req("realtime"));
    CompletableFuture<RunReport> c = r.request(req("watch"));
    scheduler.advance(Duration.ofSeconds(30));
    assertEquals(List.of("startup", "watch+realtime"), body.triggers());
    assertTrue(first.isDone());
    assertEquals("startup", first.join().trigger());
    assertSame(a.join(), b.join(), "every collapsed request gets the one follow-up's report");
    assertSame(a.join(), c.join());
    assertEquals("watch+realtime", a.join().trigger());
    assertEquals(2, recorded.size());
    assertFalse(r.isRunning());
  }

  @Test
  void startsAreSpacedByTheThrottle() {
    FolderRunner r = runner(body);
    r.request(req("watch"));
    scheduler.runDue();
    r.request(req("watch"));
    scheduler.runDue();
    assertEquals(1, body.runs().size(), "second start held back by the throttle");
    scheduler.advance(Duration.ofMillis(999));
    assertEquals(1, body.runs().size());
    scheduler.advance(Duration.ofMillis(1));
    assertEquals(2, body.runs().size());
    assertEquals(Duration.ofSeconds(1), Duration.between(body.runs().get(0).at(), body.runs().get(1).at()));
    // A request after the throttle has passed starts at once.
    scheduler.advance(Duration.ofSeconds(5));
    r.request(req("realtime"));
    scheduler.runDue();
    assertEquals(3, body.runs().size());
    assertEquals(clock.instant(), body.runs().get(2).at());
  }

  @Test
  void manualAndPreOperationBypassTheThrottle() {
    FolderRunner r = runner(body);
    r.request(req("watch"));
    scheduler.runDue();
    r.request(req("manual"));
    scheduler.runDue();
    r.request(req("pre-operation"));
    scheduler.runDue();
    assertEquals(List.of("watch", "manual", "pre-operation"), body.triggers());
    assertEquals(1, body.runs().stream().map(RecordingRunBody.Run::at).distinct().count(), "all three at the same instant");
  }

  @Test
  void aManualRequestReleasesAHeldBackStartAtOnce() {
    FolderRunner r = runner(body);
    r.request(req("watch"));
    scheduler.runDue();
    CompletableFuture<RunReport> held = r.request(req("realtime"));
    scheduler.runDue();
    assertFalse(held.isDone());
    r.request(req("manual"));
    scheduler.runDue();
    assertEquals(List.of("watch", "realtime+manual"), body.triggers());
    assertTrue(held.isDone());
    scheduler.advance(Duration.ofSeconds(10));
    assertEquals(2, body.runs().size(), "the held-back timer does not start a second run");
  }

  @Test
  void aFollowUpIsThrottledFromTheStartOfTheRunBefore() {
    // The run takes 300 ms; the follow-up may start 1 s after the first start, i.e. 700 ms after it ended.
    FolderRunner r = runner((q, s) -> {
      RunReport rep = body.run(q, s);
      clock.advance(Duration.ofMillis(300));
      return rep;
    });
    r.request(req("watch"));
    r.request(req("watch"));
    scheduler.advance(Duration.ofSeconds(5));
    assertEquals(2, body.runs().size());
    assertEquals(Duration.ofSeconds(1), Duration.between(body.runs().get(0).at(), body.runs().get(1).at()));
  }

  @Test
  void theThrottleIsReadAtEachStart() {
    FolderRunner r = runner(body);
    r.request(req("watch"));
    scheduler.runDue();
    throttle = Duration.ZERO; // a config reload
    r.request(req("watch"));
    scheduler.runDue();
    assertEquals(2, body.runs().size());
  }

  @Test
  void stateChangesArePublishedInOrderWithTheRunsIdAndTrigger() {
    FolderRunner r = runner(body);
    r.request(req("watch"));
    scheduler.runDue();
    List<DaemonEvent.FolderStateChanged> moves = published.stream()
        .filter(e -> e instanceof DaemonEvent.FolderStateChanged).map(e -> (DaemonEvent.FolderStateChanged) e).toList();
    assertEquals(List.of(FolderState.IDLE, FolderState.CHECKING, FolderState.COMPLETE),
        moves.stream().map(DaemonEvent.FolderStateChanged::from).toList());
    assertEquals(List.of(FolderState.CHECKING, FolderState.COMPLETE, FolderState.IDLE),
        moves.stream().map(DaemonEvent.FolderStateChanged::to).toList());
    assertEquals(1, moves.stream().map(DaemonEvent.FolderStateChanged::syncId).distinct().count());
    assertTrue(moves.stream().allMatch(m -> m.trigger().equals("watch") && m.folder().equals("f")));
    DaemonEvent last = published.get(published.size() - 1);
    assertTrue(last instanceof DaemonEvent.RunFinished f && f.syncId().equals(moves.get(0).syncId())
        && f.report().trigger().equals("watch"));
    assertEquals(FolderState.IDLE, r.state());
  }

  @Test
  void anIllegalTransitionIsRefusedAndNotPublished() {
    FolderRunner r = runner((q, s) -> {
      s.accept(FolderState.CHECKING);
      s.accept(FolderState.IDLE); // CHECKING -> IDLE is not allowed
      s.accept(FolderState.COMPLETE);
      s.accept(FolderState.IDLE);
      return RecordingRunBody.report("f", q, clock.instant());
    });
    List<FolderState> seen = new ArrayList<>();
    bus.subscribe(e -> {
      if (e instanceof DaemonEvent.FolderStateChanged c) seen.add(c.to());
    });
    r.request(req("manual"));
    scheduler.runDue();
    assertEquals(List.of(FolderState.CHECKING, FolderState.COMPLETE, FolderState.IDLE), seen);
  }

  @Test
  void aCrashingRunFailsItsWaitersAndTheNextRunStillHappens() {
    int[] n = {0};
    FolderRunner r = runner((q, s) -> {
      if (n[0]++ == 0) throw new IllegalStateException("boom");
      return body.run(q, s);
    });
    CompletableFuture<RunReport> first = r.request(req("manual"));
    CompletableFuture<RunReport> second = r.request(req("manual"));
    scheduler.runDue();
    assertTrue(first.isCompletedExceptionally());
    assertEquals("manual", second.join().trigger());
  }

  @Test
  void closingFailsHeldBackRequestsAndRefusesNewOnes() {
    FolderRunner r = runner(body);
    r.request(req("watch"));
    scheduler.runDue();
    CompletableFuture<RunReport> held = r.request(req("watch"));
    r.close();
    assertTrue(held.isCompletedExceptionally());
    assertTrue(r.request(req("manual")).isCompletedExceptionally());
    scheduler.advance(Duration.ofSeconds(5));
    assertEquals(1, body.runs().size());
  }

  @Test
  void mergedRequestsKeepTheStrongestOptions() {
    SyncRequest m = FolderRunner.merge(new SyncRequest(SyncDirection.CHECK, false, false, "watch"),
        new SyncRequest(SyncDirection.UPLOAD, true, false, "manual"));
    assertEquals(new SyncRequest(SyncDirection.UPLOAD, true, false, "watch+manual"), m);
    m = FolderRunner.merge(m, new SyncRequest(SyncDirection.DOWNLOAD, false, true, "watch"));
    assertEquals(new SyncRequest(SyncDirection.BOTH, true, true, "watch+manual"), m);
  }
}
