package dev.ferry.daemon.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The periodic trigger's decision at one tick ({@code [triggers.periodic]}). Two schedules share
 * the ticks, and a tick comes at whichever falls due first:
 * <ul>
 *   <li>every {@code interval} a periodic run (with {@code only_if_changes}, only when the quick
 *       scan finds local changes);
 *   <li>every run is a full scan of the folder, so "a rescan every {@code rescan_interval}" means:
 *       if no run at all started for that long, run now ({@code rescan}), whatever
 *       {@code interval} and {@code only_if_changes} say. A rescan interval shorter than the
 *       interval is how a user catches, soon, what the watcher cannot see (a file edited through
 *       a hard link from outside the folder).
 * </ul>
 */
public final class PeriodicPolicy {
  private PeriodicPolicy() {}

  /**
   * What to do at a tick: {@code trigger} is the run to request ({@code null}: none),
   * {@code nextTick} when to decide again and {@code periodicAt} when the next interval is due.
   */
  public record Decision(Trigger trigger, Instant nextTick, Instant periodicAt) {
    public Decision {
      Objects.requireNonNull(nextTick, "nextTick");
      Objects.requireNonNull(periodicAt, "periodicAt");
    }
  }

  /**
   * @param periodicAt when the current interval ends (the first: one interval after the trigger started)
   * @param lastRunStart when the folder's last run started ({@code null}: never)
   * @param dirty asked only when {@code onlyIfChanges} and the interval, not a rescan, is due:
   *     whether there are local changes not yet synced
   */
  public static Decision decide(boolean onlyIfChanges, Duration interval, Duration rescanInterval, Instant periodicAt,
      Instant lastRunStart, Instant now, BooleanSupplier dirty) {
    boolean periodicDue = !now.isBefore(periodicAt);
    boolean rescanDue = lastRunStart == null || !now.isBefore(lastRunStart.plus(rescanInterval));
    Trigger t;
    if (periodicDue && !onlyIfChanges) t = Trigger.PERIODIC; // a full scan too: it serves as the rescan
    else if (rescanDue) t = Trigger.RESCAN;
    else if (periodicDue && dirty.getAsBoolean()) t = Trigger.PERIODIC;
    else t = null; // a tick for a rescan that a run meanwhile made unnecessary
    Instant nextPeriodic = periodicDue ? now.plus(interval) : periodicAt;
    return new Decision(t, nextTick(nextPeriodic, t != null ? now : lastRunStart, now, rescanInterval), nextPeriodic);
  }

  /** The earlier of the next interval and the rescan due {@code rescanInterval} after {@code lastRunStart} (null: from now). */
  public static Instant nextTick(Instant periodicAt, Instant lastRunStart, Instant now, Duration rescanInterval) {
    Instant rescanAt = (lastRunStart != null ? lastRunStart : now).plus(rescanInterval);
    return rescanAt.isBefore(periodicAt) ? rescanAt : periodicAt;
  }
}
