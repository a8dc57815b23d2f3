package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.core.Throttle;
import dev.ferry.daemon.core.Trigger;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.trigger.TaskScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One folder's scheduler: every trigger asks it for a run with {@link #request}. The rules
 * (SPEC §4):
 * <ul>
 *   <li>single flight: one run at a time, on the folder's own thread;
 *   <li>requests that arrive while a run is going on (or while a start is held back) collapse
 *       into exactly one follow-up run, which serves them all: the strongest options win and its
 *       trigger names every trigger that asked ({@code watch+realtime});
 *   <li>starts are spaced by {@code performance.throttle}, except manual and pre-operation ones;
 *   <li>each state change of the run is checked against the state machine, published on the
 *       {@link EventBus} and logged; each finished run is recorded and published.
 * </ul>
 * Time comes from the injected clock and {@link TaskScheduler}, so tests drive it by hand.
 */
public final class FolderRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FolderRunner.class);
  private static final AtomicLong SYNC_IDS = new AtomicLong();

  /** One sync run of the folder: {@link FolderSync} in production, a script in tests. */
  @FunctionalInterface
  public interface RunBody {
    RunReport run(SyncRequest request, Consumer<FolderState> onState);
  }

  private final String folder;
  private final Path root;
  private final RunBody body;
  private final Consumer<RunReport> onFinished;
  private final Clock clock;
  private final TaskScheduler timers;
  private final Supplier<Duration> throttle;
  private final EventBus events;
  private final Executor runThread;
  private final ExecutorService ownThread;

  private final Object lock = new Object();
  private volatile FolderState state = FolderState.IDLE;
  private volatile RunReport last;
  private volatile Instant lastStart;
  // Guarded by lock:
  private boolean running;
  private boolean closed;
  private SyncRequest pending;
  private final List<CompletableFuture<RunReport>> pendingWaiters = new ArrayList<>();
  private TaskScheduler.Handle timer;
  private Instant timerAt;

  /**
   * @param runThread where runs execute; {@code null}: a thread of the runner's own, named
   *     {@code folder-ID}, stopped by {@link #close()}
   * @param throttle read at each start, so a config reload applies at once
   */
  public FolderRunner(String folder, Path root, RunBody body, Consumer<RunReport> onFinished, Clock clock,
      TaskScheduler timers, Supplier<Duration> throttle, EventBus events, Executor runThread) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.root = root;
    this.body = Objects.requireNonNull(body, "body");
    this.onFinished = onFinished;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.events = Objects.requireNonNull(events, "events");
    if (runThread == null) {
      ownThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "folder-" + folder);
        t.setDaemon(true);
        return t;
      });
      this.runThread = ownThread;
    } else {
      ownThread = null;
      this.runThread = runThread;
    }
  }

  public String folder() { return folder; }

  public Path root() { return root; }

  public FolderState state() { return state; }

  public RunReport lastReport() { return last; }

  /** When the last run started in this process ({@code null}: none yet). */
  public Instant lastStart() { return lastStart; }

  /** Whether a run is executing or about to (a held-back start does not count). */
  public boolean isRunning() {
    synchronized (lock) {
      return running;
    }
  }

  /** Shows the last recorded run (from the runs table) before this process ran one. */
  public void restoreLast(RunReport r) { last = r; }

  private volatile java.util.function.BooleanSupplier paused = () -> false;
  private volatile Runnable whilePaused = () -> { };
  private final java.util.concurrent.atomic.AtomicBoolean pausedWorkQueued = new java.util.concurrent.atomic.AtomicBoolean();

  /** While {@code paused} says so, requests start no run and are answered at once with a "skipped" report. */
  public void holdWhile(java.util.function.BooleanSupplier paused) { holdWhile(paused, () -> { }); }

  /**
   * As {@link #holdWhile(java.util.function.BooleanSupplier)}, and each request that arrives
   * meanwhile (a watch event, a periodic tick) has {@code whilePaused} run on the run thread,
   * never beside a run, requests arriving before it starts sharing one: a paused folder
   * still records its local changes.
   */
  public void holdWhile(java.util.function.BooleanSupplier paused, Runnable whilePaused) {
    this.paused = paused;
    this.whilePaused = whilePaused;
  }

  private void duringPause() {
    if (!pausedWorkQueued.compareAndSet(false, true)) return;
    try {
      runThread.execute(() -> {
        pausedWorkQueued.set(false);
        try {
          whilePaused.run();
        } catch (RuntimeException e) {
          log.warn("folder {}: cannot record its local changes while paused: {}", folder, e.toString());
        }
      });
    } catch (RejectedExecutionException stopping) {
      pausedWorkQueued.set(false);
    }
  }

  /**
   * Asks for a run. The future completes with the report of the run that served the request
   * (maybe shared with other requests), or exceptionally if the run crashed or the daemon
   * stopped first. A paused folder answers at once with a "skipped" report.
   */
  public CompletableFuture<RunReport> request(SyncRequest req) {
    Objects.requireNonNull(req, "req");
    if (paused.getAsBoolean()) {
      duringPause();
      return CompletableFuture.completedFuture(new RunReport(folder, req.trigger(), req.direction().wireName(),
          clock.instant(), 0, "skipped", 0, 0, 0, 0, 0, 0, 0, List.of("paused"), "folder is paused", null));
    }
    CompletableFuture<RunReport> f = new CompletableFuture<>();
    synchronized (lock) {
      if (closed) {
        f.completeExceptionally(new IllegalStateException("the daemon is stopping; folder " + folder + " takes no more runs"));
        return f;
      }
      pending = pending == null ? req : merge(pending, req);
      pendingWaiters.add(f);
      pump();
    }
    return f;
  }

  /** Starts the pending run if it may start now, else makes sure a timer wakes us when it may. Holds lock. */
  private void pump() {
    if (pending == null || running || closed) return;
    Instant now = clock.instant();
    Instant at = new Throttle(throttle.get()).nextStart(lastStart, now, Trigger.bypassesThrottle(pending.trigger()));
    if (!at.isAfter(now)) {
      cancelTimer();
      dispatch(now);
      return;
    }
    if (timer != null && !timerAt.isAfter(at)) return; // a wake-up no later than needed is set
    cancelTimer();
    timerAt = at;
    timer = timers.schedule(this::onTimer, Duration.between(now, at));
  }

  private void onTimer() {
    synchronized (lock) {
      timer = null;
      timerAt = null;
      pump();
    }
  }

  private void cancelTimer() {
    if (timer != null) timer.cancel();
    timer = null;
    timerAt = null;
  }

  /** Holds lock. */
  private void dispatch(Instant now) {
    SyncRequest req = pending;
    List<CompletableFuture<RunReport>> waiters = List.copyOf(pendingWaiters);
    pending = null;
    pendingWaiters.clear();
    running = true;
    lastStart = now;
    String syncId = Long.toString(clock.millis(), 36) + "-" + SYNC_IDS.incrementAndGet();
    try {
      runThread.execute(() -> execute(req, waiters, syncId));
    } catch (RejectedExecutionException e) {
      running = false;
      waiters.forEach(w -> w.completeExceptionally(new IllegalStateException("the daemon is stopping", e)));
    }
  }

  private void execute(SyncRequest req, List<CompletableFuture<RunReport>> waiters, String syncId) {
    RunReport r = null;
    try {
      MDC.put("sync_id", syncId);
      r = body.run(req, next -> moved(next, syncId, req.trigger()));
    } catch (RuntimeException e) {
      log.error("run of folder {} crashed", folder, e);
      waiters.forEach(w -> w.completeExceptionally(e));
    } finally {
      MDC.remove("sync_id");
    }
    if (r != null) {
      last = r;
      if (onFinished != null) {
        try {
          onFinished.accept(r);
        } catch (RuntimeException e) {
          log.warn("cannot record run of {}: {}", folder, e.toString());
        }
      }
    }
    // Not running any more before anyone hears that the run finished: a listener that asks
    // isRunning() on RunFinished (the watch trigger does) must not see the run it was told ended.
    synchronized (lock) {
      running = false;
    }
    if (r != null) {
      events.publish(new DaemonEvent.RunFinished(folder, syncId, r));
      for (CompletableFuture<RunReport> w : waiters) w.complete(r);
    }
    synchronized (lock) {
      if (!running) pump();
    }
  }

  /** A state change reported by the run: checked against SPEC §4, then published and logged. */
  private void moved(FolderState next, String syncId, String trigger) {
    FolderState from = state;
    if (from == next) return;
    if (!from.canMoveTo(next)) {
      log.error("folder {}: illegal state transition {} -> {} refused", folder, from, next);
      return;
    }
    state = next;
    if (next == FolderState.ERROR || next == FolderState.QUEUED) {
      log.warn("folder {}: state {} -> {}", folder, from, next);
    } else {
      log.debug("folder {}: state {} -> {}", folder, from, next);
    }
    events.publish(new DaemonEvent.FolderStateChanged(folder, from, next, syncId, trigger, clock.instant()));
  }

  static SyncRequest merge(SyncRequest a, SyncRequest b) {
    SyncDirection d = a.direction() == b.direction() ? a.direction()
        : a.direction() == SyncDirection.CHECK ? b.direction()
        : b.direction() == SyncDirection.CHECK ? a.direction() : SyncDirection.BOTH;
    return new SyncRequest(d, a.force() || b.force(), a.allowMassDelete() || b.allowMassDelete(),
        Trigger.combine(a.trigger(), b.trigger()));
  }

  /**
   * Takes no more requests, calls off a held-back start (its waiters fail: the daemon is
   * stopping) and lets a run in progress finish: its index and cursor commit together or not at all.
   */
  @Override
  public void close() {
    List<CompletableFuture<RunReport>> dropped;
    synchronized (lock) {
      closed = true;
      cancelTimer();
      dropped = List.copyOf(pendingWaiters);
      pending = null;
      pendingWaiters.clear();
    }
    dropped.forEach(w -> w.completeExceptionally(new IllegalStateException("the folder stopped syncing (the daemon stopping, or the folder removed) before this run started")));
    if (ownThread == null) return;
    ownThread.shutdown();
    try {
      if (!ownThread.awaitTermination(30, TimeUnit.SECONDS)) ownThread.shutdownNow();
    } catch (InterruptedException e) {
      ownThread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
