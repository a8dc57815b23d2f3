package dev.ferry.daemon.queue;

import dev.ferry.daemon.trigger.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's retry wake-ups: at most one planned per folder ("sync this folder again at T"),
 * shown by {@code ferry status} as the next retry. Each folder registers what a wake-up does
 * (ask its runner for a run); a new plan replaces the old one. Also counts, per folder, the runs
 * in a row that found the hub unreachable, which sets the probe backoff. Time comes from the
 * daemon's clock and {@link TaskScheduler}, so tests drive it with a fake clock.
 */
public final class RetrySchedule {
  private static final Logger log = LoggerFactory.getLogger(RetrySchedule.class);

  private record Plan(Instant at, Object token, TaskScheduler.Handle handle) {}

  private final Clock clock;
  private final TaskScheduler timers;
  private final Map<String, Runnable> wakes = new HashMap<>();
  private final Map<String, Plan> plans = new HashMap<>();
  private final Map<String, Integer> unreachableRuns = new HashMap<>();

  public RetrySchedule(Clock clock, TaskScheduler timers) {
    this.clock = clock;
    this.timers = timers;
  }

  /** What a wake-up of {@code folder} does. */
  public synchronized void register(String folder, Runnable wake) {
    wakes.put(folder, wake);
  }

  /** Plans a wake-up of {@code folder} at {@code at} (now, if that is past), replacing any earlier plan. */
  public synchronized void planAt(String folder, Instant at) {
    cancel(folder);
    Object token = new Object();
    TaskScheduler.Handle h = timers.schedule(() -> fire(folder, token), Duration.between(clock.instant(), at));
    plans.put(folder, new Plan(at, token, h));
  }

  private void fire(String folder, Object token) {
    Runnable wake;
    synchronized (this) {
      Plan p = plans.get(folder);
      if (p == null || p.token() != token) return; // replaced or cancelled meanwhile
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
    if (p != null) p.handle().cancel();
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
}
