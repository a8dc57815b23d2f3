package dev.ferry.daemon.trigger;

import dev.ferry.config.TriggerSettings;
import dev.ferry.daemon.core.DebounceWindow;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.core.Trigger;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.IgnoreRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-watch trigger of one folder: turns file events into runs.
 * <ol>
 *   <li>Events for the daemon's own temp files ({@code .ferry-tmp-*}), the {@code .ferry}
 *       marker and ignored paths are dropped at once.
 *   <li>The rest open or extend a {@link DebounceWindow}: the window closes {@code debounce}
 *       after the last event, or {@code max_delay} after the first.
 *   <li>When it closes, and no run is going on (else: when that run ends, since its own writes
 *       are only in the index once it commits), the paths it saw are compared with the index.
 *       Only if one differs does it request a run ({@code watch}). The daemon's own writes
 *       compare equal, so they never start an upload loop.
 * </ol>
 * Settings are read live, so a config reload applies to the next event.
 */
public final class WatchTrigger implements FolderWatcher.Sink {
  private static final Logger log = LoggerFactory.getLogger(WatchTrigger.class);
  /** Beyond this many distinct paths in one window, stop listing them and just run. */
  static final int MAX_TRACKED_PATHS = 10_000;

  /** Judges whether any of the paths differs from what was last synced. */
  @FunctionalInterface
  public interface ChangeCheck {
    boolean anyChanged(Set<String> paths) throws Exception;
  }

  /** Where the ignore rules in force come from (reloaded when {@code .ferryignore} changes). */
  @FunctionalInterface
  public interface IgnoreSource {
    IgnoreRules load() throws java.io.IOException;
  }

  private final String folder;
  private final FolderRunner runner;
  private final ChangeCheck check;
  private final IgnoreSource ignoreSource;
  private final Supplier<TriggerSettings.Watch> settings;
  private final Clock clock;
  private final TaskScheduler timers;

  private volatile IgnoreRules ignore;
  // Guarded by this:
  private DebounceWindow window;
  private final Set<String> windowPaths = new LinkedHashSet<>();
  private boolean windowLost;
  private boolean lossLogged; // this window's lost events were logged
  private TaskScheduler.Handle timer;
  private final Set<String> batch = new LinkedHashSet<>();
  private boolean batchLost;
  private boolean batchWaiting;

  public WatchTrigger(String folder, FolderRunner runner, ChangeCheck check, IgnoreSource ignoreSource,
      Supplier<TriggerSettings.Watch> settings, Clock clock, TaskScheduler timers) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.check = Objects.requireNonNull(check, "check");
    this.ignoreSource = Objects.requireNonNull(ignoreSource, "ignoreSource");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timers = Objects.requireNonNull(timers, "timers");
    reloadIgnore();
  }

  @Override
  public void changed(String relativePath, boolean directory) {
    if (FolderScanner.isInternal(relativePath)) return;
    if (relativePath.equals(IgnoreRules.FILE_NAME)) reloadIgnore();
    boolean ignored;
    try {
      ignored = ignore.isIgnored(relativePath, directory);
    } catch (IllegalArgumentException odd) {
      ignored = false; // a name the rules cannot judge: let the check (and the run) decide
    }
    if (ignored) return;
    synchronized (this) {
      if (windowPaths.size() < MAX_TRACKED_PATHS) windowPaths.add(relativePath);
      else windowLost = true;
      extendWindow();
    }
  }

  @Override
  public void lost(String why) {
    synchronized (this) {
      // One burst overflows every watched directory's queue at once: say it once per window.
      if (!lossLogged) log.info("folder {}: {}; the next run rescans the folder", folder, why);
      lossLogged = true;
      windowLost = true;
      extendWindow();
    }
  }

  /** Holds this. */
  private void extendWindow() {
    Instant now = clock.instant();
    window = window == null ? DebounceWindow.open(now) : window.withEvent(now);
    if (timer == null) armTimer(now);
  }

  /** Holds this; window is open. */
  private void armTimer(Instant now) {
    TriggerSettings.Watch s = settings.get();
    Duration wait = Duration.between(now, window.dueAt(s.debounce(), s.maxDelay()));
    timer = timers.schedule(this::onTimer, wait);
  }

  /** The debounce timer fired: close the window if it is due, else wait for its new due time. */
  private void onTimer() {
    synchronized (this) {
      timer = null;
      if (window == null) return;
      Instant now = clock.instant();
      TriggerSettings.Watch s = settings.get();
      if (now.isBefore(window.dueAt(s.debounce(), s.maxDelay()))) {
        armTimer(now); // more events came: the quiet time restarted (the cap still holds)
        return;
      }
      batch.addAll(windowPaths);
      batchLost |= windowLost;
      windowPaths.clear();
      windowLost = false;
      lossLogged = false;
      window = null;
    }
    checkBatch();
  }

  /** Redoes the timer after a reload changed debounce or max_delay. */
  public synchronized void settingsChanged() {
    if (window == null) return;
    if (timer != null) timer.cancel();
    armTimer(clock.instant());
  }

  /** Compares the closed window's paths with the index, once no run is writing; requests a run if one differs. */
  void checkBatch() {
    Set<String> paths;
    boolean lostEvents;
    synchronized (this) {
      if (batch.isEmpty() && !batchLost) return;
      if (runner.isRunning()) {
        batchWaiting = true; // runFinished() calls us again
        return;
      }
      batchWaiting = false;
      paths = Set.copyOf(batch);
      lostEvents = batchLost;
      batch.clear();
      batchLost = false;
    }
    boolean changed = lostEvents;
    if (!changed) {
      try {
        changed = check.anyChanged(paths);
      } catch (Exception e) {
        // When in doubt, sync: a run that finds nothing to do costs little, a missed edit a lot.
        log.warn("folder {}: cannot compare {} changed path(s) with the index ({}); syncing", folder, paths.size(), e.toString());
        changed = true;
      }
    }
    if (changed) {
      log.debug("folder {}: local changes seen ({} path(s)); requesting a run", folder, paths.size());
      runner.request(new SyncRequest(SyncDirection.BOTH, false, false, Trigger.WATCH.wireName()));
    } else {
      log.debug("folder {}: {} file event(s) matched the index (the daemon's own writes); no run", folder, paths.size());
    }
  }

  /** The folder's run ended: a batch held back while it ran is judged now (on the timer thread). */
  public void runFinished() {
    boolean waiting;
    synchronized (this) {
      waiting = batchWaiting;
    }
    if (waiting) timers.schedule(this::checkBatch, Duration.ZERO);
  }

  /** Whether events are waiting to be judged (a window open or a batch held back). */
  public synchronized boolean hasPendingEvents() {
    return window != null || !batch.isEmpty() || batchLost;
  }

  /** Forgets open windows and timers (the watch trigger was turned off or the daemon stops). */
  public synchronized void reset() {
    if (timer != null) timer.cancel();
    timer = null;
    window = null;
    windowPaths.clear();
    windowLost = false;
    lossLogged = false;
    batch.clear();
    batchLost = false;
    batchWaiting = false;
  }

  private void reloadIgnore() {
    try {
      ignore = ignoreSource.load();
    } catch (java.io.IOException e) {
      log.warn("folder {}: cannot read its ignore rules ({}); keeping the previous ones", folder, e.toString());
      if (ignore == null) ignore = IgnoreRules.none();
    }
  }
}
