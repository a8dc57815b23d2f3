package dev.ferry.daemon.queue;

import dev.ferry.daemon.core.ErrorCategory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * One folder's side of the queues, as a sync run uses them: its {@link Outbox}, and the decision
 * after each run of when to try again.
 */
public final class FolderQueue {
  private final Outbox outbox;
  private final RetrySchedule schedule;
  private final Clock clock;
  private final DoubleSupplier random;

  public FolderQueue(Outbox outbox, RetrySchedule schedule, Clock clock, DoubleSupplier random) {
    this.outbox = outbox;
    this.schedule = schedule;
    this.clock = clock;
    this.random = random;
  }

  public Outbox outbox() { return outbox; }

  public String folder() { return outbox.folder(); }

  /** When the folder is planned to be tried again, if it is. */
  public Optional<Instant> nextRetry() { return schedule.next(outbox.folder()); }

  /**
   * At daemon start: a folder whose outbox still holds items (the daemon stopped or was killed
   * before the hub took them) is tried at once, whether or not a startup trigger is configured.
   */
  public void resume() throws SQLException {
    if (outbox.pendingCount() > 0) schedule.planAt(outbox.folder(), clock.instant());
  }

  /**
   * Plans what follows a run. A run the hub did not answer (or answered with a retryable error)
   * leaves the folder QUEUED: it is probed again with backoff, at least after the hub's
   * Retry-After. A run that failed for a reason waiting will not fix (authentication, the mass
   * delete guard, bad data) plans nothing. A successful run plans the earliest retry of items
   * still backing off, if any.
   *
   * @param failure the run's failure category, or null when it succeeded
   * @return whether the folder now waits for the hub (state QUEUED)
   */
  public boolean afterRun(ErrorCategory failure, Duration retryAfter) throws SQLException {
    String f = outbox.folder();
    if (failure != null) {
      if (failure.runWaitsForPerson()) {
        schedule.cancel(f);
        return false;
      }
      int n = schedule.unreachable(f);
      schedule.planAt(f, clock.instant().plus(outbox.policy().probeDelay(n, retryAfter, random.getAsDouble())));
      return true;
    }
    schedule.reachable(f);
    Optional<Instant> next = outbox.nextAttempt();
    if (next.isPresent()) {
      schedule.planAt(f, next.get());
      return true;
    }
    schedule.cancel(f);
    return false;
  }
}
