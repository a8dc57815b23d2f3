package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.core.SyncDirection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one folder's syncs, one at a time, on the folder's own thread. A request that arrives
 * while a run is going on waits for exactly one follow-up run, which serves every request that
 * arrived meanwhile (the strongest of their options wins).
 */
public final class FolderRunner implements AutoCloseable {
  private final String folder;
  private final Path root;
  private final Function<java.util.function.Consumer<FolderState>, FolderSync> syncFactory;
  private final ExecutorService thread;
  private final java.util.function.Consumer<RunReport> onFinished;

  private final Object lock = new Object();
  private volatile FolderState state = FolderState.IDLE;
  private volatile RunReport last;
  private boolean running;
  private SyncRequest queued;
  private final List<CompletableFuture<RunReport>> queuedWaiters = new ArrayList<>();

  public FolderRunner(String folder, Path root, Function<java.util.function.Consumer<FolderState>, FolderSync> syncFactory,
      java.util.function.Consumer<RunReport> onFinished) {
    this.onFinished = onFinished;
    this.folder = folder;
    this.root = root;
    this.syncFactory = syncFactory;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "folder-" + folder);
      t.setDaemon(true);
      return t;
    });
  }

  public String folder() { return folder; }

  public Path root() { return root; }

  public FolderState state() { return state; }

  public RunReport lastReport() { return last; }

  public void restoreLast(RunReport r) { last = r; }

  public CompletableFuture<RunReport> request(SyncRequest req) {
    CompletableFuture<RunReport> f = new CompletableFuture<>();
    synchronized (lock) {
      if (running) {
        queued = queued == null ? req : merge(queued, req);
        queuedWaiters.add(f);
        return f;
      }
      running = true;
    }
    start(req, List.of(f));
    return f;
  }

  private void start(SyncRequest req, List<CompletableFuture<RunReport>> waiters) {
    thread.execute(() -> {
      RunReport r;
      try {
        r = syncFactory.apply(s -> state = s).run(req);
      } catch (RuntimeException e) {
        waiters.forEach(w -> w.completeExceptionally(e));
        next();
        return;
      }
      last = r;
      try {
        onFinished.accept(r);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(FolderRunner.class).warn("cannot record run of {}: {}", folder, e.toString());
      }
      waiters.forEach(w -> w.complete(r));
      next();
    });
  }

  private void next() {
    SyncRequest req;
    List<CompletableFuture<RunReport>> waiters;
    synchronized (lock) {
      if (queued == null) {
        running = false;
        return;
      }
      req = queued;
      waiters = new ArrayList<>(queuedWaiters);
      queued = null;
      queuedWaiters.clear();
    }
    start(req, waiters);
  }

  static SyncRequest merge(SyncRequest a, SyncRequest b) {
    SyncDirection d = a.direction() == b.direction() ? a.direction()
        : a.direction() == SyncDirection.CHECK ? b.direction()
        : b.direction() == SyncDirection.CHECK ? a.direction() : SyncDirection.BOTH;
    String trigger = a.trigger().equals(b.trigger()) ? a.trigger() : a.trigger() + "+" + b.trigger();
    return new SyncRequest(d, a.force() || b.force(), a.allowMassDelete() || b.allowMassDelete(), trigger);
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      // Let a run in progress finish: its index and cursor commit together or not at all.
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) thread.shutdownNow();
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
