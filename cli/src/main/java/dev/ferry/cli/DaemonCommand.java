package dev.ferry.cli;

import dev.ferry.cli.logging.FanoutAppender;
import dev.ferry.cli.logging.Logging;
import dev.ferry.cli.logging.SecretScrubber;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.daemon.DaemonLock;
import dev.ferry.daemon.DaemonRuntime;
import dev.ferry.daemon.ShutdownSignal;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.di.DaemonComponent;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry daemon}: sync every configured folder and serve the control socket, in the foreground. */
@Command(name = "daemon", description = "Run the sync daemon in the foreground (what the service unit runs).")
public final class DaemonCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    FerryLocations loc = common.locations();
    try {
      FerryConfig config = common.config();
      dev.ferry.daemon.account.DeviceCredentials device;
      try {
        device = new SecretStore(loc.secretsDir()).requireDevice();
      } catch (dev.ferry.daemon.account.AuthFailure unreadable) {
        // device.json is there but cannot be used: the daemon cannot start, and says why in its
        // log too (a service's stderr is easily missed), naming the file and the way out.
        Logging.forService(loc.logsDir(), "daemon", null, false);
        org.slf4j.LoggerFactory.getLogger(DaemonCommand.class).error("the daemon cannot start: {}", unreadable.getMessage());
        throw unreadable;
      }
      SecretScrubber.register(device.token());
      Logging.forService(loc.logsDir(), "daemon", device.deviceName(), true);
      return runUntilStopped(loc, config, out, null);
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  /**
   * Starts the daemon and blocks until a shutdown request, SIGTERM or Ctrl-C; then stops it
   * cleanly (runs in progress finish, the socket is removed). {@code onReady} runs once the
   * socket serves (quickstart prints its instructions there).
   */
  static int runUntilStopped(FerryLocations loc, FerryConfig config, Output out, Runnable onReady) throws Exception {
    // First the lock: a second daemon on this home is refused before it builds (and so sets up,
    // logs about and closes) anything.
    try (DaemonLock lock = DaemonLock.acquire(loc)) {
      return runLocked(loc, config, onReady);
    }
  }

  private static int runLocked(FerryLocations loc, FerryConfig config, Runnable onReady) throws Exception {
    DaemonComponent component = DaemonComponent.create(loc, config, Clock.systemUTC());
    DaemonRuntime runtime = component.runtime();
    ShutdownSignal signal = component.shutdownSignal();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      signal.request();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    FanoutAppender.connect(component.logFanout());
    try {
      runtime.start();
      if (onReady != null) onReady.run();
      runtime.awaitShutdown();
    } finally {
      runtime.close();
      FanoutAppender.connect(null);
      stopped.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting through the hook
    }
    return ExitCodes.OK;
  }
}
