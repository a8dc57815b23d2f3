package dev.ferry.daemon.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.OfflineSettings;
import dev.ferry.config.RetrySettings;
import dev.ferry.config.TriggerSettings;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.remote.EventListener;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.daemon.testing.FakeClock;
import dev.ferry.daemon.testing.FakeScheduler;
import dev.ferry.daemon.testing.RecordingRunBody;
import dev.ferry.protocol.ChangeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The real-time trigger against a scripted stream opener, on a fake clock. */
class RealtimeTriggerTest {
  private static final String ME = "dev-me";
  private static final String ENTRY = "e".repeat(43);

  private final FakeClock clock = new FakeClock();
  private final FakeScheduler scheduler = new FakeScheduler(clock);
  private final EventBus bus = new EventBus();
  private final List<DaemonEvent> published = new CopyOnWriteArrayList<>();
  private final RecordingRunBody body = new RecordingRunBody(clock);
  private final FolderRunner runner =
      new FolderRunner("f", null, body, null, clock, scheduler, () -> Duration.ZERO, bus, scheduler);
  /** Each open: the Last-Event-ID asked for, and the listener to drive. */
  private final List<Long> openedAfter = new ArrayList<>();
  private final List<EventListener> listeners = new ArrayList<>();
  private final List<Boolean> closed = new ArrayList<>();
  private boolean refuseOpen;
  private TriggerSettings.Realtime settings = new TriggerSettings.Realtime(true, true, false);
  private final RetrySettings retry = new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));

  private final RealtimeTrigger realtime = new RealtimeTrigger("f", ME, (folder, lastId, l) -> {
    openedAfter.add(lastId);
    listeners.add(l);
    int i = closed.size();
    closed.add(false);
    if (refuseOpen) throw new HubException(ErrorCategory.NETWORK, 0, null, null, "connection refused", null);
    return () -> closed.set(i, true);
  }, runner, () -> 41L, () -> settings, () -> retry, clock, scheduler, bus, () -> 0.0);

  {
    bus.subscribe(published::add);
  }

  private EventListener current() { return listeners.get(listeners.size() - 1); }

  private static ChangeEvent change(long seq, String by) {
    return new ChangeEvent("f", seq, ENTRY, 1, false, by);
  }

  private static HubException down() {
    return new HubException(ErrorCategory.NETWORK, 0, null, null, "connection reset", null);
  }

  @Test
  void opensFromTheCursorAndRunsForOtherDevicesChangesOnly() {
    realtime.start();
    assertEquals(List.of(41L), openedAfter);
    current().onOpen();
    current().onChange(change(42, ME));
    scheduler.runDue();
    assertEquals(List.of(), body.triggers(), "our own write coming back starts nothing");
    current().onChange(change(43, "dev-other"));
    scheduler.runDue();
    assertEquals(List.of("realtime"), body.triggers());
    assertEquals(43, realtime.lastEventId());
    assertTrue(published.stream().noneMatch(e -> e instanceof DaemonEvent.RemoteChange), "notify is off");
  }

  @Test
  void aStreamReopenedAfterAFailureDrainsTheQueueUnlessTurnedOff() {
    realtime.start();
    current().onOpen();
    scheduler.runDue();
    assertEquals(List.of(), body.triggers(), "a first open is no reconnect");
    current().onFailure(down());
    scheduler.advance(scheduler.pendingDelays().get(0));
    current().onOpen();
    scheduler.runDue();
    assertEquals(List.of("reconnect"), body.triggers());

    RealtimeTrigger quiet = new RealtimeTrigger("f", ME, (folder, lastId, l) -> {
      listeners.add(l);
      return () -> { };
    }, runner, () -> 41L, () -> settings, () -> retry, clock, scheduler, bus, () -> 0.0,
        () -> new OfflineSettings(false, Duration.ofSeconds(30)), id -> id);
    quiet.start();
    current().onOpen();
    current().onFailure(down());
    scheduler.advance(scheduler.pendingDelays().get(0));
    current().onOpen();
    scheduler.runDue();
    assertEquals(List.of("reconnect"), body.triggers(), "sync_on_reconnect = false: the probe drains it later");
    quiet.stop();
  }

  @Test
  void notifyPublishesAndAutoApplyOffStartsNothing() {
    settings = new TriggerSettings.Realtime(true, false, true);
    realtime.start();
    current().onChange(change(50, "dev-other"));
    scheduler.runDue();
    assertEquals(List.of(), body.triggers());
    assertEquals(1, published.stream().filter(e -> e instanceof DaemonEvent.RemoteChange r && r.seq() == 50).count());
  }

  @Test
  void withoutAutoApplyAnnouncedChangesWaitUntilARunPullsThem() {
    settings = new TriggerSettings.Realtime(true, false, false);
    realtime.start();
    current().onChange(change(50, ME));
    assertFalse(realtime.remoteWaiting(), "our own write waits for nothing");
    current().onChange(change(51, "dev-other"));
    current().onChange(change(52, "dev-other"));
    assertTrue(realtime.remoteWaiting());
    realtime.pulledTo(51); // a run that pulled only part of it (or an upload-only run: the cursor stays)
    assertTrue(realtime.remoteWaiting());
    realtime.pulledTo(52);
    assertFalse(realtime.remoteWaiting());
    settings = new TriggerSettings.Realtime(true, true, false);
    current().onChange(change(53, "dev-other"));
    assertFalse(realtime.remoteWaiting(), "auto_apply: the run it starts pulls it");
  }

  @Test
  void theNotifyLineNamesTheDeviceAndCarriesTheFolderField() {
    settings = new TriggerSettings.Realtime(true, false, true);
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RealtimeTrigger.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      RealtimeTrigger named = new RealtimeTrigger("f", ME, (folder, lastId, l) -> {
        listeners.add(l);
        return () -> { };
      }, runner, () -> 41L, () -> settings, () -> retry, clock, scheduler, bus, () -> 0.0,
          () -> OfflineSettings.DEFAULTS, id -> id.equals("dev-other") ? "laptop" : "device " + id);
      named.start();
      current().onChange(change(60, "dev-other"));
      named.stop();
    } finally {
      logger.detachAppender(lines);
    }
    ch.qos.logback.classic.spi.ILoggingEvent line = lines.list.stream()
        .filter(e -> e.getFormattedMessage().contains("changed on the hub")).findFirst().orElseThrow();
    assertEquals("folder f: changed on the hub by laptop (seq 60)", line.getFormattedMessage());
    assertEquals("f", line.getMDCPropertyMap().get("folder"));
    assertEquals(null, org.slf4j.MDC.get("folder"), "the listener's thread keeps no folder field");
  }

  @Test
  void reconnectsWithExponentialBackoffResumingAfterTheLastEvent() {
    realtime.start();
    current().onOpen();
    current().onChange(change(44, "dev-other"));
    scheduler.runDue();
    assertEquals(List.of("realtime"), body.triggers());
    current().onFailure(down());
    assertTrue(closed.get(0));
    refuseOpen = true;
    // random 0.0 = the low end of equal jitter: 0.5 s, 1 s, 2 s, 4 s, then capped at 10 s -> 5 s.
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waits.add(scheduler.pendingDelays().get(0));
      scheduler.advance(scheduler.pendingDelays().get(0));
    }
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(5), Duration.ofSeconds(5)), waits);
    assertTrue(openedAfter.subList(1, openedAfter.size()).stream().allMatch(id -> id == 44), "resumes with Last-Event-ID 44");
    // The hub answers again: the backoff starts over.
    refuseOpen = false;
    scheduler.advance(scheduler.pendingDelays().get(0));
    current().onOpen();
    scheduler.runDue(); // the reconnect run (sync_on_reconnect)
    current().onClosed();
    assertEquals(List.of(Duration.ofMillis(500)), scheduler.pendingDelays());
  }

  /** A trigger with [retry] max_backoff 5 min (the default) and the given probe_interval. */
  private RealtimeTrigger withProbeInterval(Duration probe) {
    RetrySettings slow = new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));
    return new RealtimeTrigger("f", ME, (folder, lastId, l) -> {
      openedAfter.add(lastId);
      listeners.add(l);
      if (refuseOpen) throw new HubException(ErrorCategory.NETWORK, 0, null, null, "connection refused", null);
      return () -> { };
    }, runner, () -> 41L, () -> settings, () -> slow, clock, scheduler, bus, () -> 0.0,
        () -> new OfflineSettings(true, probe), id -> id);
  }

  @Test
  void theReconnectBackoffNeverWaitsLongerThanTheProbeInterval() {
    RealtimeTrigger t = withProbeInterval(Duration.ofSeconds(4));
    t.start();
    current().onOpen();
    current().onFailure(down());
    refuseOpen = true;
    // random 0.0: half the ceiling; the ceilings 1, 2, 4, 8, 16 s are capped at 4 s.
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waits.add(scheduler.pendingDelays().get(0));
      scheduler.advance(scheduler.pendingDelays().get(0));
    }
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(2)), waits);
    t.stop();
  }

  @Test
  void theHubAnsweringARunReopensAWaitingStreamAtOnceWithTheBackoffReset() {
    RealtimeTrigger t = withProbeInterval(Duration.ofSeconds(30));
    t.start();
    current().onOpen();
    current().onFailure(down());
    refuseOpen = true;
    for (int i = 0; i < 5; i++) scheduler.advance(scheduler.pendingDelays().get(0));
    assertEquals(List.of(Duration.ofSeconds(15)), scheduler.pendingDelays(), "deep in the backoff: 30 s capped, half of it");
    int opens = openedAfter.size();

    refuseOpen = false;
    t.hubAnswered(); // a probe run just reached the hub
    assertEquals(opens + 1, openedAfter.size(), "reopened at once, not after 15 s");
    assertTrue(openedAfter.get(openedAfter.size() - 1) == 41L, "resumes after the last event seen");
    current().onOpen();
    scheduler.runDue();
    assertEquals(List.of("reconnect"), body.triggers());
    current().onFailure(down());
    assertEquals(List.of(Duration.ofMillis(500)), scheduler.pendingDelays(), "the backoff started over");

    t.hubAnswered();
    assertEquals(opens + 2, openedAfter.size(), "a waiting reconnect goes at once again");
    current().onOpen();
    t.hubAnswered(); // the stream is open: nothing to do
    assertEquals(opens + 2, openedAfter.size());
    t.stop();
  }

  @Test
  void aStaleStreamsCallbacksAreIgnoredAndStopCancelsTheReconnect() {
    realtime.start();
    EventListener first = current();
    first.onFailure(down());
    scheduler.advance(Duration.ofSeconds(1));
    assertEquals(2, listeners.size());
    first.onChange(change(99, "dev-other")); // a late callback of the dead stream
    scheduler.runDue();
    assertEquals(List.of(), body.triggers());
    current().onFailure(down());
    realtime.stop();
    scheduler.advance(Duration.ofMinutes(5));
    assertEquals(2, listeners.size());
  }

  @Test
  void disabledOpensNothing() {
    settings = new TriggerSettings.Realtime(false, true, false);
    realtime.start();
    assertEquals(List.of(), openedAfter);
  }
}
