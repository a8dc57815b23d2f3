package dev.ferry.daemon.trigger;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-system side of the watch trigger: one recursive directory-watcher on a folder root
 * (new subdirectories are watched as they appear). On Linux it rests on inotify through the
 * JDK's WatchService, so it costs no CPU while nothing changes. File hashing is off: the
 * watcher only says "something happened at this path"; {@link LocalChanges} judges whether
 * it is a change. Events go to a {@link Sink} as {@code /}-separated paths relative to the root.
 */
public final class FolderWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);
  /** Why events were lost when the queue of events overflowed (told to {@link Sink#lost}). */
  public static final String OVERFLOWED = "watch events overflowed";
  /** Why events were lost when a path vanished before the watcher could register or list it. */
  public static final String VANISHED = "a path vanished before the watcher could look at it";

  /** Where events go, on the watcher's thread. */
  public interface Sink {
    /** Something happened at {@code relativePath}. */
    void changed(String relativePath, boolean directory);

    /** Events were lost (the kernel queue overflowed, or the watcher broke): treat the folder as changed. */
    void lost(String why);
  }

  private final String folder;
  private final Path root;
  private final Sink sink;
  private DirectoryWatcher watcher;
  private ExecutorService thread;

  public FolderWatcher(String folder, Path root, Sink sink) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.root = root.toAbsolutePath().normalize();
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Registers the tree (returns once every existing directory is watched) and starts delivering events. */
  public synchronized void start() throws IOException {
    if (watcher != null) return;
    DirectoryWatcher w = DirectoryWatcher.builder()
        .path(root)
        .fileHashing(false)
        .logger(LoggerFactory.getLogger(DirectoryWatcher.class))
        .listener(new DirectoryChangeListener() {
          @Override
          public void onEvent(DirectoryChangeEvent e) {
            deliver(e);
          }

          @Override
          public void onException(Exception e) {
            if (isOverflow(e)) {
              sink.lost(OVERFLOWED);
            } else if (e instanceof NoSuchFileException) {
              // A directory created and removed at once (a build's temp tree): the walk that
              // registers it may have stopped half-way, so trust a rescan, not the events.
              log.debug("watcher of folder {}: {} vanished", folder, e.getMessage());
              sink.lost(VANISHED);
            } else {
              log.debug("watcher of folder {} failed", folder, e);
              sink.lost("watcher error: " + e);
            }
          }
        })
        .build();
    thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "watch-" + folder);
      t.setDaemon(true);
      return t;
    });
    watcher = w;
    w.watchAsync(thread).whenComplete((v, err) -> {
      if (err != null && !w.isClosed()) {
        log.warn("watcher of folder {} stopped: {}", folder, err.toString());
        log.debug("watcher of folder {} stopped", folder, err);
        sink.lost("watcher stopped: " + err);
      }
    });
  }

  /**
   * Whether the watcher's exception is its failed delivery of an OVERFLOW event. An overflow (the
   * kernel's queue, or the JDK's 512 events per directory, ran over while thousands of files
   * appeared) has no path, and directory-watcher 0.19's {@code onEvent} looks the event's path up
   * in a {@code ConcurrentSkipListMap} of hashes, which throws NullPointerException for a null
   * key: the event never reaches {@link #deliver}. Recognised by where it was thrown (the first
   * frame outside the JDK is that {@code onEvent}), so an NPE from our own listener, which runs
   * above it on the stack, still counts as unexpected.
   */
  static boolean isOverflow(Throwable e) {
    if (!(e instanceof NullPointerException)) return false;
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().startsWith("java.")) continue;
      return f.getClassName().equals(DirectoryWatcher.class.getName()) && f.getMethodName().equals("onEvent");
    }
    return false;
  }

  private void deliver(DirectoryChangeEvent e) {
    if (e.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
      sink.lost(OVERFLOWED); // how a library that no longer trips on the null path would say it
      return;
    }
    Path p = e.path();
    if (p == null) return;
    Path abs = p.toAbsolutePath().normalize();
    if (abs.equals(root) || !abs.startsWith(root)) return;
    String rel = root.relativize(abs).toString().replace(java.io.File.separatorChar, '/');
    sink.changed(rel, e.isDirectory());
  }

  public synchronized boolean isRunning() { return watcher != null; }

  @Override
  public synchronized void close() {
    if (watcher == null) return;
    try {
      watcher.close();
    } catch (IOException e) {
      log.debug("closing watcher of {}: {}", folder, e.toString());
    }
    thread.shutdownNow();
    watcher = null;
    thread = null;
  }
}
