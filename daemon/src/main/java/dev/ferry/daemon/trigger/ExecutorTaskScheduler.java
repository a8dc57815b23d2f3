package dev.ferry.daemon.trigger;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskScheduler} over one daemon thread shared by every folder's timers. An idle daemon
 * has nothing queued here but the periodic ticks, so the thread sleeps until one is due.
 */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutorTaskScheduler.class);
  private final ScheduledThreadPoolExecutor executor;

  public ExecutorTaskScheduler(String threadName) {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    // Debounce timers are often called off: do not let cancelled ones pile up in the queue.
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Handle schedule(Runnable task, Duration delay) {
    long nanos = Math.max(0, delay.toNanos());
    java.util.concurrent.ScheduledFuture<?> future;
    try {
      future = executor.schedule(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          // A timer task that throws must not silently stop the triggers it belongs to.
          log.error("timer task failed", e);
        }
      }, nanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      return () -> { }; // the daemon is stopping: nothing more is scheduled
    }
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
