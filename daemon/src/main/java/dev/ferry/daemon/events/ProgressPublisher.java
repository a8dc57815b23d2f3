package dev.ferry.daemon.events;

import dev.ferry.daemon.engine.RunProgress;
import dev.ferry.daemon.trigger.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Publishes a run's {@link DaemonEvent.Progress} on the {@link EventBus} every {@code period}
 * while the run executes, only when something moved since the last one, and once more when
 * the run ends (so a display reaches its final count). Ticks run on the scheduler's timer
 * thread and take microseconds: a snapshot of a few counters and a non-blocking publish.
 */
public final class ProgressPublisher implements AutoCloseable {
  private final EventBus events;
  private final TaskScheduler timers;
  private final Clock clock;
  private final String folder;
  private final String syncId;
  private final RunProgress progress;
  private final Duration period;
  private final Object lock = new Object();
  // Guarded by lock:
  private RunProgress.Snapshot last = new RunProgress.Snapshot(0, 0, 0, 0);
  private TaskScheduler.Handle next;
  private boolean closed;

  private ProgressPublisher(EventBus events, TaskScheduler timers, Clock clock, String folder, String syncId,
      RunProgress progress, Duration period) {
    this.events = Objects.requireNonNull(events, "events");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.folder = folder;
    this.syncId = syncId;
    this.progress = Objects.requireNonNull(progress, "progress");
    this.period = period;
  }

  /** Starts publishing the progress of run {@code syncId}; close it when the run returns. */
  public static ProgressPublisher start(EventBus events, TaskScheduler timers, Clock clock, String folder, String syncId,
      RunProgress progress, Duration period) {
    ProgressPublisher p = new ProgressPublisher(events, timers, clock, folder, syncId, progress, period);
    synchronized (p.lock) {
      p.next = timers.schedule(p::tick, period);
    }
    return p;
  }

  private void tick() {
    synchronized (lock) {
      if (closed) return;
      publishIfMoved();
      next = timers.schedule(this::tick, period);
    }
  }

  /** Holds lock. */
  private void publishIfMoved() {
    RunProgress.Snapshot now = progress.snapshot();
    if (now.equals(last)) return;
    last = now;
    events.publish(new DaemonEvent.Progress(folder, syncId, now.filesDone(), now.filesTotal(), now.bytesDone(),
        now.bytesTotal(), clock.instant()));
  }

  /** Stops the ticks and publishes the final count if it differs from the last one sent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) return;
      closed = true;
      if (next != null) next.cancel();
      publishIfMoved();
    }
  }
}
