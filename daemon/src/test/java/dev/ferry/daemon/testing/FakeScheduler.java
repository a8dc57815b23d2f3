package dev.ferry.daemon.testing;

import dev.ferry.daemon.trigger.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * A {@link TaskScheduler} (and an {@link Executor}: "run soon") on a {@link FakeClock}. Nothing
 * runs until the test calls {@link #runDue()} or {@link #advance}; advancing runs each task at
 * its own due time (the clock reads that time while it runs), in due order, including tasks that
 * earlier tasks scheduled. Used as a folder's run thread it lets a test hold a run "in
 * progress" simply by not running it yet.
 */
public final class FakeScheduler implements TaskScheduler, Executor {
  private final FakeClock clock;
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.seq));
  private long seq;

  private static final class Task implements Handle {
    final Instant due;
    final long seq;
    final Runnable body;
    volatile boolean cancelled;

    Task(Instant due, long seq, Runnable body) {
      this.due = due;
      this.seq = seq;
      this.body = body;
    }

    @Override
    public void cancel() { cancelled = true; }
  }

  public FakeScheduler(FakeClock clock) {
    this.clock = clock;
  }

  public FakeClock clock() { return clock; }

  @Override
  public synchronized Handle schedule(Runnable task, Duration delay) {
    Task t = new Task(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task);
    queue.add(t);
    return t;
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, Duration.ZERO);
  }

  /**
   * Runs every task due now (and those they schedule for now); "now" is re-read after each task,
   * since a task may move the clock. Returns how many ran.
   */
  public int runDue() {
    return runUntil(null);
  }

  /** Moves time forward by {@code d}, running each task that falls due on the way at its due time. */
  public int advance(Duration d) {
    Instant target = clock.instant().plus(d);
    int n = runUntil(target);
    clock.set(target);
    return n;
  }

  private int runUntil(Instant target) {
    int n = 0;
    while (true) {
      Task t;
      synchronized (this) {
        t = queue.peek();
        if (t == null || t.due.isAfter(target != null ? target : clock.instant())) return n;
        queue.poll();
      }
      if (t.cancelled) continue;
      if (t.due.isAfter(clock.instant())) clock.set(t.due);
      t.body.run();
      n++;
    }
  }

  /** Delays from now of the live (not cancelled) tasks, soonest first. */
  public synchronized List<Duration> pendingDelays() {
    List<Duration> out = new ArrayList<>();
    queue.stream().filter(t -> !t.cancelled).sorted(queue.comparator())
        .forEach(t -> out.add(Duration.between(clock.instant(), t.due)));
    return out;
  }
}
