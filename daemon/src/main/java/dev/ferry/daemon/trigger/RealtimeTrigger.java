package dev.ferry.daemon.trigger;

import dev.ferry.config.OfflineSettings;
import dev.ferry.config.RetrySettings;
import dev.ferry.config.TriggerSettings;
import dev.ferry.daemon.core.Backoff;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.core.Trigger;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.remote.EventListener;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.protocol.ChangeEvent;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The real-time trigger of one folder: one event stream from the hub, kept open. A change by
 * another device requests a run at once ({@code auto_apply}) and/or is published
 * ({@code notify}); changes this device made are ignored. When the stream ends or breaks it is
 * reopened after {@link Backoff} ({@code [retry]}: backoff, multiplier, max_backoff, with
 * jitter, but never waiting longer than {@code offline.probe_interval}: status calls the hub
 * online as soon as a probe answers, and a stream still asleep in a long backoff would leave
 * this device deaf to the other devices' changes meanwhile), resuming with {@code Last-Event-ID}
 * from the last event seen (at first: the folder's cursor), so nothing between the two streams
 * is missed. The backoff restarts once a stream opens, and a reconnect still waiting goes at once
 * when a run shows the hub answering again ({@link #hubAnswered()}).
 */
public final class RealtimeTrigger {
  private static final Logger log = LoggerFactory.getLogger(RealtimeTrigger.class);

  /** Opens one stream: {@code HubClient::events} in production. */
  @FunctionalInterface
  public interface StreamOpener {
    Closeable open(String folder, long lastEventId, EventListener listener) throws HubException;
  }

  private final String folder;
  private final String deviceId;
  private final StreamOpener opener;
  private final FolderRunner runner;
  private final LongSupplier initialCursor;
  private final Supplier<TriggerSettings.Realtime> settings;
  private final Supplier<RetrySettings> retry;
  private final Clock clock;
  private final TaskScheduler timers;
  private final EventBus events;
  private final DoubleSupplier random;
  private final Supplier<OfflineSettings> offline;
  private final UnaryOperator<String> deviceLabel;

  // Guarded by this:
  private boolean started;
  private long lastEventId = -1;
  private int attempt;
  private boolean lost; // the stream ended since it last opened: its reopening is a reconnect
  private boolean failureLogged; // this outage's first failure was logged; the next ones go to debug
  private Closeable stream;
  private Object generation; // identifies the current stream's listener, so a stale one is ignored
  private TaskScheduler.Handle reconnect;
  private long waitingSeq; // the highest seq announced by another device while auto_apply is off; 0: none waits

  public RealtimeTrigger(String folder, String deviceId, StreamOpener opener, FolderRunner runner, LongSupplier initialCursor,
      Supplier<TriggerSettings.Realtime> settings, Supplier<RetrySettings> retry, Clock clock, TaskScheduler timers,
      EventBus events, DoubleSupplier random) {
    this(folder, deviceId, opener, runner, initialCursor, settings, retry, clock, timers, events, random,
        () -> OfflineSettings.DEFAULTS, id -> "device " + id);
  }

  /**
   * {@code offline}: {@code sync_on_reconnect}, whether a stream that reopens after a failure
   * starts a run (SPEC [offline]), and {@code probe_interval}, the longest reconnect wait.
   * {@code deviceLabel}: how a log line names the device of a change, by its id.
   */
  public RealtimeTrigger(String folder, String deviceId, StreamOpener opener, FolderRunner runner, LongSupplier initialCursor,
      Supplier<TriggerSettings.Realtime> settings, Supplier<RetrySettings> retry, Clock clock, TaskScheduler timers,
      EventBus events, DoubleSupplier random, Supplier<OfflineSettings> offline, UnaryOperator<String> deviceLabel) {
    this.offline = Objects.requireNonNull(offline, "offline");
    this.deviceLabel = Objects.requireNonNull(deviceLabel, "deviceLabel");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.deviceId = deviceId;
    this.opener = Objects.requireNonNull(opener, "opener");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.initialCursor = Objects.requireNonNull(initialCursor, "initialCursor");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.events = Objects.requireNonNull(events, "events");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Opens the stream if the trigger is enabled (and closes it if it was turned off). */
  public synchronized void start() {
    if (!settings.get().enabled()) {
      stop();
      return;
    }
    if (started) return;
    started = true;
    attempt = 0;
    connect();
  }

  /**
   * Something showed that the hub answers again (a run of any folder reached it: they share the
   * one hub): a reconnect still waiting out its backoff goes now, and the backoff starts over.
   * Without this the stream could stay shut for a whole backoff after the hub came back, while
   * the runs (and status) already said it was online.
   */
  public synchronized void hubAnswered() {
    if (!started || reconnect == null) return;
    reconnect.cancel();
    attempt = 0;
    inFolder(() -> {
      log.debug("folder {}: the hub answers again; reopening the event stream now", folder);
      connect();
    });
  }

  public synchronized void stop() {
    started = false;
    generation = null;
    if (reconnect != null) reconnect.cancel();
    reconnect = null;
    closeStream();
  }

  /** Whether other devices' changes were announced that no run has pulled yet (auto_apply off). */
  public synchronized boolean remoteWaiting() { return waitingSeq > 0; }

  /** A run ended with the folder's cursor at {@code cursor}: the changes it covers no longer wait. */
  public synchronized void pulledTo(long cursor) {
    if (waitingSeq > 0 && cursor >= waitingSeq) waitingSeq = 0;
  }

  /** The id a reconnect would resume after. */
  public synchronized long lastEventId() { return Math.max(lastEventId, 0); }

  /** Holds this. */
  private void connect() {
    reconnect = null;
    if (!started) return;
    if (lastEventId < 0) {
      try {
        lastEventId = initialCursor.getAsLong();
      } catch (RuntimeException e) {
        lastEventId = 0; // no cursor readable: only new events; the next run pulls the rest
      }
    }
    Object gen = new Object();
    generation = gen;
    try {
      stream = opener.open(folder, lastEventId, new Listener(gen));
    } catch (HubException e) {
      ended(gen, e);
    }
  }

  private final class Listener implements EventListener {
    private final Object gen;

    Listener(Object gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen() {
      inFolder(this::opened);
    }

    private void opened() {
      boolean reconnected;
      synchronized (RealtimeTrigger.this) {
        if (gen != generation) return;
        reconnected = lost;
        if (reconnected) log.info("folder {}: event stream reopened (after event {})", folder, lastEventId);
        attempt = 0;
        lost = false;
        failureLogged = false;
      }
      // The hub is back: what queued while it was away goes now, not at the next probe.
      if (reconnected && offline.get().syncOnReconnect()) {
        runner.request(new SyncRequest(SyncDirection.BOTH, false, false, Trigger.RECONNECT.wireName()));
      }
    }

    @Override
    public void onChange(ChangeEvent e) {
      inFolder(() -> changed(e));
    }

    private void changed(ChangeEvent e) {
      synchronized (RealtimeTrigger.this) {
        if (gen != generation) return;
        lastEventId = Math.max(lastEventId, e.seq());
      }
      if (deviceId != null && deviceId.equals(e.modifiedBy())) return; // our own write coming back
      TriggerSettings.Realtime s = settings.get();
      if (s.autoApply()) {
        runner.request(new SyncRequest(SyncDirection.BOTH, false, false, Trigger.REALTIME.wireName()));
      } else {
        synchronized (RealtimeTrigger.this) {
          waitingSeq = Math.max(waitingSeq, e.seq()); // shown by status until a run pulls it
        }
      }
      if (s.notifyDesktop()) {
        events.publish(new DaemonEvent.RemoteChange(folder, e.seq(), e.entryId(), e.deleted(), e.modifiedBy(), clock.instant()));
        // Naming the device may ask the hub once (a device not seen yet): after the run request, so it never delays one.
        log.info("folder {}: changed on the hub by {} (seq {})", folder, deviceLabel.apply(e.modifiedBy()), e.seq());
      }
    }

    @Override
    public void onClosed() {
      inFolder(() -> ended(gen, null));
    }

    @Override
    public void onFailure(HubException failure) {
      inFolder(() -> ended(gen, failure));
    }
  }

  /**
   * Runs {@code body} with the log field {@code folder} set ({@code ferry logs --folder} filters
   * on it), restoring what the thread had: hubAnswered() runs on another folder's run thread.
   */
  private void inFolder(Runnable body) {
    String before = MDC.get("folder");
    MDC.put("folder", folder);
    try {
      body.run();
    } finally {
      if (before == null) MDC.remove("folder");
      else MDC.put("folder", before);
    }
  }

  /** The stream of generation {@code gen} ended (failure {@code null}: closed by the hub): schedule a reconnect. */
  private synchronized void ended(Object gen, HubException failure) {
    if (gen != generation || !started) return;
    generation = null;
    closeStream();
    lost = true;
    RetrySettings r = retry.get();
    Duration cap = offline.get().probeInterval();
    Duration wait = new Backoff(r.backoff(), r.multiplier(), r.maxBackoff()).cappedAt(cap).delay(attempt, random.getAsDouble());
    if (failure == null) {
      log.info("folder {}: the hub closed the event stream; reconnecting in {} ms", folder, wait.toMillis());
    } else if (!failureLogged) {
      // The outage's first failed attempt is logged once; the later ones of the same outage at debug.
      failureLogged = true;
      if (failure.category().retryable()) {
        log.warn("folder {}: event stream lost ({}); reconnecting in {} ms, then at least every {} s until the hub answers",
            folder, failure.getMessage(), wait.toMillis(), cap.toSeconds());
      } else {
        log.error("folder {}: the hub refused the event stream ({}); retrying in {} ms", folder, failure.getMessage(), wait.toMillis());
      }
    } else {
      log.debug("folder {}: event stream attempt {} failed ({}); next in {} ms", folder, attempt, failure.getMessage(), wait.toMillis());
    }
    attempt = Math.min(attempt + 1, 62);
    reconnect = timers.schedule(() -> inFolder(() -> {
      synchronized (RealtimeTrigger.this) {
        connect();
      }
    }), wait);
  }

  private void closeStream() {
    if (stream == null) return;
    try {
      stream.close();
    } catch (IOException | RuntimeException e) {
      log.debug("closing the event stream of {}: {}", folder, e.toString());
    }
    stream = null;
  }
}
