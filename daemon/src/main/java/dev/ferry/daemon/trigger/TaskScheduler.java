package dev.ferry.daemon.trigger;

import java.time.Duration;

/**
 * The scheduler seam: runs a task after a delay. Production uses one small timer thread
 * ({@link ExecutorTaskScheduler}); tests pass a fake that runs due tasks when they advance a
 * fake clock, so every timing rule is tested without sleeping. Tasks must be short: they
 * decide and hand work on (a run goes to the folder's own thread).
 */
public interface TaskScheduler {
  /** A scheduled task that can still be called off. */
  interface Handle {
    /** Calls the task off if it has not started; harmless if it has. */
    void cancel();
  }

  /** Runs {@code task} once, {@code delay} from now (zero or negative: as soon as possible). */
  Handle schedule(Runnable task, Duration delay);
}
