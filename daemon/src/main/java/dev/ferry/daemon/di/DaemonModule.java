package dev.ferry.daemon.di;

import dagger.Module;
import dagger.Provides;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.account.FolderKeys;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.queue.Queues;
import dev.ferry.daemon.queue.RetrySchedule;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubHttpClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Named;
import javax.inject.Singleton;
import okhttp3.OkHttpClient;

@Module(subcomponents = FolderComponent.class)
public final class DaemonModule {
  private DaemonModule() {}

  @Provides
  @Singleton
  static SecretStore secrets(FerryLocations loc) {
    return new SecretStore(loc.secretsDir());
  }

  @Provides
  @Singleton
  static DeviceCredentials device(SecretStore secrets, FerryConfig config) {
    try {
      return secrets.requireDevice().at(config.server());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provides
  @Singleton
  static SecureRandom random() {
    return new SecureRandom();
  }

  @Provides
  @Singleton
  static FolderKeys folderKeys(SecretStore secrets, SecureRandom random) {
    return new FolderKeys(secrets, random);
  }

  @Provides
  @Singleton
  static OkHttpClient http() {
    return HubHttpClients.create();
  }

  @Provides
  @Singleton
  static HubClient hub(DeviceCredentials device, OkHttpClient http) {
    return new HubClient(URI.create(device.server()), device.token(), http);
  }

  @Provides
  @Singleton
  static StateDb stateDb(FerryLocations loc) {
    try {
      return StateDb.open(loc.stateDb());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provides
  @Singleton
  static RunHistory history(StateDb db) {
    return new RunHistory(db);
  }

  @Provides
  @Singleton
  static RetrySchedule retries(java.time.Clock clock, dev.ferry.daemon.trigger.TaskScheduler timers) {
    return new RetrySchedule(clock, timers);
  }

  @Provides
  @Singleton
  static Queues queues(StateDb db) {
    try {
      return new Queues(db);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot open the queues in state.db: " + e.getMessage(), e);
    }
  }

  /** File transfers of all folders share a small pool: threads start lazily and die when idle. */
  @Provides
  @Singleton
  @Named("transfer")
  static ExecutorService transferPool() {
    return idleEndingPool("transfer", 4);
  }

  /**
   * The files a pull writes. Each writer mostly waits on its fsync, and a journaling file system
   * commits the fsyncs that wait together in one journal transaction: measured on ext4
   * (WriterBench, 10,000 x 1 KiB, three rounds), 4 writers 3.6-6.9 s, 8 writers 2.3-3.9 s, 16
   * writers 2.0-2.7 s. More threads than cores is the point here; the CPU-bound work stays on
   * the transfer pool's four.
   */
  @Provides
  @Singleton
  @Named("write")
  static ExecutorService writePool() {
    return idleEndingPool("write", 16);
  }

  /**
   * Hub requests a run has on their way while it goes on (a push's next batch). A thread each,
   * never queued behind other work: a folder's push must not wait for another folder's
   * thousands of queued writes. At most two per folder, and none kept once idle for 30 s.
   */
  @Provides
  @Singleton
  @Named("request")
  static ExecutorService requestPool() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "request-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Threads start when work comes and end after 30 s idle: an idle daemon keeps none. */
  private static ExecutorService idleEndingPool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
