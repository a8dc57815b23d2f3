package dev.ferry.daemon;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.config.ConfigException;
import dev.ferry.config.HumanDuration;
import dev.ferry.daemon.trigger.SettingsReload;
import dev.ferry.daemon.trigger.StartupWait;
import dev.ferry.daemon.trigger.TaskScheduler;
import dev.ferry.daemon.trigger.Triggers;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.RpcServer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon process: starts the triggers ({@link Triggers}), serves the control socket. The
 * caller holds the home's {@link DaemonLock} from before this graph is built until after
 * {@link #close()}. Stops on {@link ShutdownSignal}, letting runs in progress
 * finish so that no index and cursor are left half-written.
 */
@Singleton
public final class DaemonRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DaemonRuntime.class);
  /**
   * How often the daemon looks whether its socket file is still there (one lstat): a socket
   * deleted under a running daemon (a cleaned-up runtime directory, a careless rm) comes back
   * within this, without waiting for a SIGHUP nobody knows to send.
   */
  static final java.time.Duration SOCKET_CHECK = java.time.Duration.ofSeconds(5);

  private final FerryLocations locations;
  private final FerryConfig config;
  private final Folders folders;
  private final Map<String, RpcHandler> handlers;
  private final ShutdownSignal shutdown;
  private final Triggers triggers;
  private final SettingsReload reload;
  private final TaskScheduler timers;
  /** Field-injected so the dashboard stays out of the constructor the triggers work changes. */
  @Inject dev.ferry.daemon.ui.DashboardServer dashboard;
  /** Closed last: SQLite keeps every connection's file open while one to state.db still is. */
  @Inject dev.ferry.daemon.queue.Queues queues;
  @Inject dev.ferry.daemon.account.SecretStore secrets;
  private RpcServer rpc;
  private volatile boolean stopping;
  private volatile TaskScheduler.Handle socketCheck;

  @Inject
  DaemonRuntime(FerryLocations locations, FerryConfig config, Folders folders, Map<String, RpcHandler> handlers,
      ShutdownSignal shutdown, Triggers triggers, SettingsReload reload, TaskScheduler timers) {
    this.locations = locations;
    this.config = config;
    this.folders = folders;
    this.handlers = handlers;
    this.shutdown = shutdown;
    this.triggers = triggers;
    this.reload = reload;
    this.timers = timers;
  }

  public Folders folders() { return folders; }

  /**
   * Starts the triggers, requests the startup runs and serves the
   * control socket. The watchers start before the startup runs, so an edit made while they run
   * is not missed. With {@code [triggers.startup] blocking}, the socket opens only once every
   * startup run ended or {@code timeout} passed (clients see "not running" until then).
   */
  public void start() throws IOException {
    triggers.start();
    CompletableFuture<StartupWait.Outcome> startup = triggers.startup();
    if (!startup.isDone()) log.info("waiting for the startup sync of {} folder(s) before serving (at most {})",
        folders.runners().size(), HumanDuration.format(config.triggers().startup().timeout()));
    StartupWait.Outcome outcome = startup.join();
    if (!outcome.completed()) {
      log.warn("startup sync of {} did not finish within {}; serving anyway, it goes on in the background",
          outcome.unfinished(), HumanDuration.format(config.triggers().startup().timeout()));
    }
    rpc = new RpcServer(locations.socketPath(), handlers);
    rpc.start();
    checkSocketPeriodically();
    reloadOnHangup();
    dashboard.start();
    // Named once at start (and by every 'ferry status'): folders whose keys are kept here sync on,
    // but no folder can be set up anew until the secret is written again.
    for (String problem : secrets.problems()) log.error("{}", problem);
    log.info("daemon ready: {} folder(s), socket {}", folders.runners().size(), locations.socketPath());
  }

  /** SIGHUP reloads the config like {@code config.reload} (Unix only; skipped where the JVM refuses it). */
  private void reloadOnHangup() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
        if (rpc != null) rpc.ensureServing("on SIGHUP"); // first: it needs no config, a bad one must not stop it
        try {
          reload.reload();
        } catch (ConfigException e) {
          log.error("SIGHUP: the config cannot be used; keeping the running config:\n{}", e.getMessage());
        } catch (RuntimeException e) {
          log.error("SIGHUP: config reload failed", e);
        }
      });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.debug("SIGHUP reload not available here: {}", e.toString());
    }
  }

  /** Every {@link #SOCKET_CHECK}, serves the control socket again if its file was deleted or replaced. */
  private void checkSocketPeriodically() {
    if (stopping) return;
    socketCheck = timers.schedule(() -> {
      if (stopping) return;
      rpc.ensureServing("noticed by the periodic check");
      checkSocketPeriodically();
    }, SOCKET_CHECK);
  }

  /** Blocks until shutdown is requested (the {@code shutdown} method, SIGTERM, Ctrl-C). */
  public void awaitShutdown() throws InterruptedException {
    shutdown.await();
  }

  @Override
  public void close() {
    log.info("daemon stopping");
    stopping = true;
    TaskScheduler.Handle check = socketCheck;
    if (check != null) check.cancel();
    if (dashboard != null) dashboard.close();
    triggers.close();
    if (rpc != null) {
      try {
        rpc.close();
      } catch (Exception e) {
        log.warn("closing the control socket: {}", e.toString());
      }
    }
    folders.close();
    try {
      queues.close();
    } catch (java.sql.SQLException e) {
      log.warn("closing the queues' state database connection: {}", e.getMessage());
    }
    if (timers instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        log.debug("stopping the timers: {}", e.toString());
      }
    }
  }
}
