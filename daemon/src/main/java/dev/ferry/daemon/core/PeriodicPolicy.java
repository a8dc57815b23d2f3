package dev.ferry.daemon.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The periodic trigger's decision at one tick ({@code [triggers.periodic]}). Every run is a full
 * scan of the folder, so "a rescan every {@code rescan_interval}" means: if no run at all started
 * for that long, run now even when {@code only_if_changes} finds nothing changed.
 */
public final class PeriodicPolicy {
  private PeriodicPolicy() {}

  /**
   * What to do at a tick: {@code trigger} is the run to request ({@code null}: none) and
   * {@code nextTick} when to decide again.
   */
  public record Decision(Trigger trigger, Instant nextTick) {
    public Decision {
      Objects.requireNonNull(nextTick, "nextTick");
    }
  }

  /**
   * @param lastRunStart when the folder's last run started ({@code null}: never)
   * @param dirty asked only when {@code onlyIfChanges} and no rescan is due: whether there are
   *     local changes not yet synced
   */
  public static Decision decide(boolean onlyIfChanges, Duration interval, Duration rescanInterval, Instant lastRunStart,
      Instant now, BooleanSupplier dirty) {
    if (!onlyIfChanges) return new Decision(Trigger.PERIODIC, now.plus(interval));
    boolean rescanDue = lastRunStart == null || !now.isBefore(lastRunStart.plus(rescanInterval));
    Trigger t = rescanDue ? Trigger.RESCAN : dirty.getAsBoolean() ? Trigger.PERIODIC : null;
    // Decide again at the next interval, or sooner if the rescan falls due before it.
    Instant next = now.plus(interval);
    Instant rescanAt = (t != null ? now : lastRunStart).plus(rescanInterval);
    return new Decision(t, rescanAt.isBefore(next) ? rescanAt : next);
  }
}
