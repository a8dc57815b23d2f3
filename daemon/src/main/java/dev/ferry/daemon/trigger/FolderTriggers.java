package dev.ferry.daemon.trigger;

import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.di.FolderScope;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.remote.DeviceNames;
import dev.ferry.daemon.remote.HubClient;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch, periodic and real-time triggers of one folder, wired to its {@link FolderRunner}.
 * (Startup, manual and pre-operation runs are requested directly by {@link Triggers} and the
 * control handlers.) {@link #apply()} brings them in line with the live settings: at start and
 * after each config reload.
 */
@FolderScope
public final class FolderTriggers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FolderTriggers.class);

  private final FolderConfig folder;
  private final LiveSettings live;
  private final WatchTrigger watch;
  private final FolderWatcher watcher;
  private final PeriodicTrigger periodic;
  private final RealtimeTrigger realtime;
  private final EventBus.Subscription runEnds;

  @Inject
  public FolderTriggers(FolderConfig folder, FolderRunner runner, StateDb db, HubClient hub, DeviceCredentials device,
      LiveSettings live, Clock clock, TaskScheduler timers, EventBus events, SecureRandom random, DeviceNames names) {
    this.folder = folder;
    this.live = live;
    LocalChanges changes = new LocalChanges(db, folder.id(), folder.path());
    WatchTrigger.IgnoreSource ignore = () -> IgnoreRules.load(folder.path(), folder.ignore());
    this.watch = new WatchTrigger(folder.id(), runner, changes::anyChanged, ignore, () -> live.triggers().watch(), clock, timers);
    this.watcher = new FolderWatcher(folder.id(), folder.path(), watch);
    this.periodic = new PeriodicTrigger(folder.id(), runner, () -> {
      try {
        return changes.anyChanged(ignore.load());
      } catch (IOException | SQLException e) {
        log.warn("folder {}: cannot tell whether it changed ({}); syncing", folder.id(), e.toString());
        return true;
      }
    }, () -> live.triggers().periodic(), clock, timers);
    this.realtime = new RealtimeTrigger(folder.id(), device.deviceId(), hub::events, runner, () -> {
      try {
        return changes.cursor();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }, () -> live.triggers().realtime(), live::retry, clock, timers, events, random::nextDouble,
        () -> live.config().offline(), names::label);
    this.runEnds = events.subscribe(e -> {
      if (!(e instanceof DaemonEvent.RunFinished f)) return;
      if (f.folder().equals(folder.id())) {
        watch.runFinished();
        try {
          realtime.pulledTo(changes.cursor()); // the cursor tells whether the run pulled what the stream announced
        } catch (SQLException ex) {
          log.debug("folder {}: cannot read its cursor after a run: {}", folder.id(), ex.toString());
        }
      }
      // Any folder's run that went without error reached the hub (all share it): a stream waiting to reconnect goes now.
      if (f.report().errorCategory() == null) realtime.hubAnswered();
    });
  }

  public String folder() { return folder.id(); }

  /** Starts, stops or retimes each trigger to match the live settings. */
  public synchronized void apply() {
    if (live.triggers().watch().enabled()) {
      try {
        watcher.start();
      } catch (IOException e) {
        // Without a watcher the periodic trigger and its rescan still sync this folder.
        log.warn("folder {}: cannot watch {} ({}); relying on the periodic trigger", folder.id(), folder.path(), e.toString());
      }
      watch.settingsChanged();
    } else {
      watcher.close();
      watch.reset();
    }
    periodic.start();
    realtime.start();
  }

  /** Whether the event stream announced other devices' changes that no run has pulled yet (auto_apply off). */
  public boolean remoteWaiting() { return realtime.remoteWaiting(); }

  /** Whether the file watcher is running (for status and tests). */
  public boolean watching() { return watcher.isRunning(); }

  @Override
  public synchronized void close() {
    runEnds.close();
    watcher.close();
    watch.reset();
    periodic.stop();
    realtime.stop();
  }
}
