package dev.ferry.daemon.di;

import dagger.Module;
import dagger.Provides;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.account.FolderKeys;
import dev.ferry.daemon.control.PausedFolders;
import dev.ferry.daemon.crypto.FolderCrypto;
import dev.ferry.daemon.engine.EntryCodec;
import dev.ferry.daemon.engine.FolderHistory;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.FolderSync;
import dev.ferry.daemon.engine.PausedChanges;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.core.Trigger;
import dev.ferry.daemon.queue.FolderQueue;
import dev.ferry.daemon.queue.Outbox;
import dev.ferry.daemon.queue.RetryPolicy;
import dev.ferry.daemon.queue.RetrySchedule;
import java.util.concurrent.ThreadLocalRandom;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.remote.HubClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.events.ProgressPublisher;
import java.time.Duration;
import org.slf4j.MDC;
import dev.ferry.daemon.trigger.LiveSettings;
import dev.ferry.daemon.trigger.TaskScheduler;
import javax.inject.Named;

@Module
public final class FolderModule {
  private FolderModule() {}

  @Provides
  @FolderScope
  static FolderIndex index(StateDb db, FolderConfig folder) {
    try {
      return new FolderIndex(db, folder.id());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the index of folder " + folder.id() + ": " + e.getMessage(), e);
    }
  }

  @Provides
  @FolderScope
  static FolderCrypto crypto(FolderKeys keys, HubClient hub, FolderConfig folder, FerryConfig config) {
    try {
      return new FolderCrypto(folder.id(), keys.obtain(hub, folder.id()), config.performance().compressOverBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provides
  @FolderScope
  static FolderHistory history(FolderConfig folder, HubClient hub, FolderCrypto crypto) {
    return new FolderHistory(folder.id(), hub, new EntryCodec(crypto));
  }

  @Provides
  @FolderScope
  static FolderQueue queue(StateDb db, FolderConfig folder, FerryConfig config, Clock clock, RetrySchedule schedule) {
    try {
      return new FolderQueue(new Outbox(db, folder.id(), clock, RetryPolicy.of(config.retry(), config.offline())),
          schedule, clock, () -> ThreadLocalRandom.current().nextDouble());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the outbox of folder " + folder.id() + ": " + e.getMessage(), e);
    }
  }

  /** How often a running sync publishes its progress (a terminal bar redraws at this pace). */
  private static final Duration PROGRESS_PERIOD = Duration.ofMillis(250);

  @Provides
  @FolderScope
  static FolderRunner runner(FolderConfig folder, DeviceCredentials device, HubClient hub, FolderCrypto crypto,
      FolderIndex index, @Named("transfer") ExecutorService pool, @Named("write") ExecutorService writePool,
      @Named("request") ExecutorService requestPool,
      Clock clock, RunHistory history, TaskScheduler timers,
      LiveSettings live, EventBus events, PausedFolders paused, FerryConfig config, FolderQueue queue,
      RetrySchedule retries) {
    EntryCodec codec = new EntryCodec(crypto);
    FolderRunner runner = new FolderRunner(folder.id(), folder.path(), (request, onState) -> {
      IgnoreRules ignore;
      try {
        // Reloaded each run: a .ferryignore edited in the folder applies from the next run on.
        ignore = IgnoreRules.load(folder.path(), folder.ignore());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      FolderSync sync = new FolderSync(new FolderSync.Context(folder.id(), folder.path(), device.deviceId(),
          device.deviceName(), hub, codec, index, ignore, pool, writePool, requestPool, clock, onState, queue,
          config.performance().batchSize()), folder.effectiveStrategy(config));
      // The runner puts the run's id in the MDC of the run thread, which is this one.
      try (ProgressPublisher progress = ProgressPublisher.start(events, timers, clock, folder.id(), MDC.get("sync_id"),
          sync.progress(), PROGRESS_PERIOD)) {
        return sync.run(request);
      }
    }, report -> {
      try {
        history.record(report);
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }, clock, timers, () -> live.performance().throttle(), events, null);
    runner.holdWhile(() -> paused.isPaused(folder.id()), () -> {
      try {
        PausedChanges.record(folder.path(), folder.ignore(), index, queue, pool);
      } catch (IOException | SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    });
    retries.register(folder.id(), () -> runner.request(new SyncRequest(SyncDirection.BOTH, false, false, Trigger.RETRY.wireName())));
    try {
      queue.resume();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the outbox of folder " + folder.id() + ": " + e.getMessage(), e);
    }
    return runner;
  }
}
