package dev.ferry.daemon;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.RpcServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon process: holds the home's lock, serves the control socket, and starts runs from
 * the startup and periodic triggers. Stops on {@link ShutdownSignal}, letting runs in progress
 * finish so that no index and cursor are left half-written.
 */
@Singleton
public final class DaemonRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DaemonRuntime.class);

  private final FerryLocations locations;
  private final FerryConfig config;
  private final Folders folders;
  private final Map<String, RpcHandler> handlers;
  private final ShutdownSignal shutdown;
  /** Field-injected so the dashboard stays out of the constructor the triggers work changes. */
  @Inject dev.ferry.daemon.ui.DashboardServer dashboard;
  private FileChannel lockChannel;
  private FileLock lock;
  private RpcServer rpc;
  private ScheduledExecutorService timers;

  @Inject
  DaemonRuntime(FerryLocations locations, FerryConfig config, Folders folders, Map<String, RpcHandler> handlers,
      ShutdownSignal shutdown) {
    this.locations = locations;
    this.config = config;
    this.folders = folders;
    this.handlers = handlers;
    this.shutdown = shutdown;
  }

  public Folders folders() { return folders; }

  public void start() throws IOException {
    acquireLock();
    List<CompletableFuture<RunReport>> startup = new ArrayList<>();
    if (config.triggers().startup().enabled()) {
      for (FolderRunner r : folders.runners().values()) {
        startup.add(r.request(new SyncRequest(SyncDirection.BOTH, false, false, "startup")));
      }
      if (config.triggers().startup().blocking()) {
        try {
          CompletableFuture.allOf(startup.toArray(CompletableFuture[]::new))
              .get(config.triggers().startup().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          log.warn("startup sync did not finish in {}; serving anyway", config.triggers().startup().timeout());
        }
      }
    }
    rpc = new RpcServer(locations.socketPath(), handlers);
    rpc.start();
    dashboard.start();
    if (config.triggers().periodic().enabled()) {
      timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "periodic");
        t.setDaemon(true);
        return t;
      });
      long every = Math.max(1000, config.triggers().periodic().interval().toMillis());
      timers.scheduleWithFixedDelay(this::periodic, every, every, TimeUnit.MILLISECONDS);
    }
    log.info("daemon ready: {} folder(s), socket {}", folders.runners().size(), locations.socketPath());
  }

  private void periodic() {
    for (FolderRunner r : folders.runners().values()) {
      r.request(new SyncRequest(SyncDirection.BOTH, false, false, "periodic"));
    }
  }

  /** Blocks until shutdown is requested (the {@code shutdown} method, SIGTERM, Ctrl-C). */
  public void awaitShutdown() throws InterruptedException {
    shutdown.await();
  }

  private void acquireLock() throws IOException {
    Path lockFile = locations.stateDb().resolveSibling("daemon.lock");
    Files.createDirectories(lockFile.getParent());
    lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    lock = lockChannel.tryLock();
    if (lock == null) {
      String pid = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
      lockChannel.close();
      throw new AlreadyRunningException("another ferry daemon" + (pid.isEmpty() ? "" : " (pid " + pid + ")")
          + " is running on this home (" + lockFile.getParent() + "); stop it first");
    }
    lockChannel.truncate(0);
    lockChannel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    lockChannel.force(true);
  }

  @Override
  public void close() {
    log.info("daemon stopping");
    if (dashboard != null) dashboard.close();
    if (timers != null) timers.shutdownNow();
    if (rpc != null) {
      try {
        rpc.close();
      } catch (Exception e) {
        log.warn("closing the control socket: {}", e.toString());
      }
    }
    folders.close();
    try {
      if (lock != null) lock.release();
      if (lockChannel != null) lockChannel.close();
    } catch (IOException e) {
      log.debug("releasing the lock: {}", e.toString());
    }
  }

  /** A second daemon on the same home. */
  public static final class AlreadyRunningException extends IOException {
    private static final long serialVersionUID = 1L;

    public AlreadyRunningException(String message) {
      super(message);
    }
  }

}
