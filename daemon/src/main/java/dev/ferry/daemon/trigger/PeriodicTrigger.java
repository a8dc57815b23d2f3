package dev.ferry.daemon.trigger;

import dev.ferry.config.TriggerSettings;
import dev.ferry.daemon.core.PeriodicPolicy;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.SyncRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic trigger of one folder ({@code [triggers.periodic]}): a tick every
 * {@code interval}, or sooner when the rescan falls due first, decided by {@link PeriodicPolicy}.
 * With {@code only_if_changes}, the "dirty" signal is a quick scan of the folder against its index
 * ({@link LocalChanges}: one walk, files re-hashed only if their size or mtime moved); no run
 * started for {@code rescan_interval} forces one anyway ({@code rescan}), the safety net under
 * the watcher.
 */
public final class PeriodicTrigger {
  private static final Logger log = LoggerFactory.getLogger(PeriodicTrigger.class);

  private final String folder;
  private final FolderRunner runner;
  private final BooleanSupplier dirty;
  private final Supplier<TriggerSettings.Periodic> settings;
  private final Clock clock;
  private final TaskScheduler timers;
  private TaskScheduler.Handle tick;
  private Instant periodicAt;
  private boolean started;

  public PeriodicTrigger(String folder, FolderRunner runner, BooleanSupplier dirty, Supplier<TriggerSettings.Periodic> settings,
      Clock clock, TaskScheduler timers) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.dirty = Objects.requireNonNull(dirty, "dirty");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timers = Objects.requireNonNull(timers, "timers");
  }

  /**
   * Starts ticking (the first interval ends one {@code interval} from now; the first rescan falls
   * due {@code rescan_interval} after the last run started), or stops if the trigger is disabled.
   */
  public synchronized void start() {
    stop();
    TriggerSettings.Periodic s = settings.get();
    if (!s.enabled()) return;
    started = true;
    Instant now = clock.instant();
    periodicAt = now.plus(s.interval());
    Instant first = PeriodicPolicy.nextTick(periodicAt, runner.lastStart(), now, s.rescanInterval());
    tick = timers.schedule(this::onTick, Duration.between(now, first));
  }

  public synchronized void stop() {
    started = false;
    if (tick != null) tick.cancel();
    tick = null;
  }

  private void onTick() {
    TriggerSettings.Periodic s;
    Instant due;
    synchronized (this) {
      if (!started) return;
      tick = null;
      s = settings.get();
      due = periodicAt;
    }
    Instant now = clock.instant();
    PeriodicPolicy.Decision d = PeriodicPolicy.decide(s.onlyIfChanges(), s.interval(), s.rescanInterval(),
        due, runner.lastStart(), now, dirty);
    if (d.trigger() != null) {
      runner.request(new SyncRequest(SyncDirection.BOTH, false, false, d.trigger().wireName()));
    } else {
      log.debug("folder {}: periodic tick, no local changes (or a run since made the rescan unnecessary); skipped", folder);
    }
    synchronized (this) {
      if (!started) return;
      periodicAt = d.periodicAt();
      tick = timers.schedule(this::onTick, Duration.between(clock.instant(), d.nextTick()));
    }
  }
}
