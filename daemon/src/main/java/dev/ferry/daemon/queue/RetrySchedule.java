package dev.ferry.daemon.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's retry wake-ups: at most one planned per folder ("sync this folder again at T"),
 * shown by {@code ferry status} as the next retry. Each folder registers what a wake-up does
 * (ask its runner for a run); a new plan replaces the old one. Also counts, per folder, the runs
 * in a row that found the hub unreachable, which sets the probe backoff.
 */
public final class RetrySchedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RetrySchedule.class);

  private record Plan(Instant at, ScheduledFuture<?> task) {}

  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Map<String, Runnable> wakes = new HashMap<>();
  private final Map<String, Plan> plans = new HashMap<>();
  private final Map<String, Integer> unreachableRuns = new HashMap<>();

  public RetrySchedule(Clock clock) {
    this(clock, idleEndingTimer());
  }

  /** One timer thread, started when a retry is planned and ended when none is (no thread while all is well). */
  private static ScheduledExecutorService idleEndingTimer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "retry");
      th.setDaemon(true);
      return th;
    });
    t.setKeepAliveTime(10, TimeUnit.SECONDS);
    t.allowCoreThreadTimeOut(true);
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /** @param timer runs the wake-ups; delays are computed from {@code clock} */
  public RetrySchedule(Clock clock, ScheduledExecutorService timer) {
    this.clock = clock;
    this.timer = timer;
  }

  /** What a wake-up of {@code folder} does. */
  public synchronized void register(String folder, Runnable wake) {
    wakes.put(folder, wake);
  }

  /** Plans a wake-up of {@code folder} at {@code at} (now, if that is past), replacing any earlier plan. */
  public synchronized void planAt(String folder, Instant at) {
    cancel(folder);
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
    self[0] = timer.schedule(() -> fire(folder, self[0]), delay, TimeUnit.MILLISECONDS);
    plans.put(folder, new Plan(at, self[0]));
  }

  private void fire(String folder, ScheduledFuture<?> task) {
    Runnable wake;
    synchronized (this) {
      Plan p = plans.get(folder);
      if (p == null || p.task() != task) return; // replaced or cancelled meanwhile
      plans.remove(folder);
      wake = wakes.get(folder);
    }
    if (wake == null) return;
    try {
      wake.run();
    } catch (RuntimeException e) {
      log.warn("retry of folder {} could not start: {}", folder, e.toString());
    }
  }

  public synchronized void cancel(String folder) {
    Plan p = plans.remove(folder);
    if (p != null) p.task().cancel(false);
  }

  /** When {@code folder} is planned to be tried again, if it is. */
  public synchronized Optional<Instant> next(String folder) {
    Plan p = plans.get(folder);
    return p == null ? Optional.empty() : Optional.of(p.at());
  }

  /** One more run found the hub unreachable; returns how many in a row. */
  public synchronized int unreachable(String folder) {
    return unreachableRuns.merge(folder, 1, Integer::sum);
  }

  /** The hub answered: the probe backoff starts over. */
  public synchronized void reachable(String folder) {
    unreachableRuns.remove(folder);
  }

  @Override
  public synchronized void close() {
    plans.values().forEach(p -> p.task().cancel(false));
    plans.clear();
    timer.shutdownNow();
  }
}
