package dev.ferry.daemon.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.TriggerSettings;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.testing.RecordingRunBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch trigger on a real directory with the real watcher, timers and clock: file events
 * become one debounced run; temp and ignored names are never even judged; subdirectories
 * created later are watched. Waits poll with a deadline; nothing asserts on speed.
 */
class FolderWatcherTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path root;
  private final ExecutorTaskScheduler timers = new ExecutorTaskScheduler("test-timers");
  private final Clock clock = Clock.systemUTC();
  private final RecordingRunBody body = new RecordingRunBody(clock);
  private final FolderRunner runner =
      new FolderRunner("f", root, body, null, clock, timers, () -> Duration.ZERO, new EventBus(), null);
  private final List<Set<String>> judged = new CopyOnWriteArrayList<>();
  private FolderWatcher watcher;

  @AfterEach
  void stop() {
    if (watcher != null) watcher.close();
    runner.close();
    timers.close();
  }

  private void startWatching() throws Exception {
    WatchTrigger watch = new WatchTrigger("f", runner, paths -> {
      judged.add(paths);
      return true;
    }, () -> IgnoreRules.of(List.of("*.swp")), () -> new TriggerSettings.Watch(true, Duration.ofMillis(50),
        Duration.ofSeconds(2)), clock, timers);
    watcher = new FolderWatcher("f", root, watch);
    watcher.start();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(10); // polling a real file-system watcher; the deadline bounds it
    }
  }

  private boolean judgedPath(String p) {
    return judged.stream().anyMatch(s -> s.contains(p));
  }

  @Test
  void aWriteBecomesAWatchRunAndOwnTempFilesAreNeverJudged() throws Exception {
    startWatching();
    Files.writeString(root.resolve(".ferry-tmp-77-00000000000000ab"), "partial");
    Files.writeString(root.resolve("notes.swp"), "editor swap");
    Files.writeString(root.resolve("notes.txt"), "hello");
    await("a watch run", () -> body.triggers().contains("watch"));
    await("notes.txt judged", () -> judgedPath("notes.txt"));
    assertFalse(judgedPath(".ferry-tmp-77-00000000000000ab"));
    assertFalse(judgedPath("notes.swp"));
  }

  /**
   * A real overflow: the watcher's thread is held in the first event while 600 files appear, so
   * the JDK queues more than its 512 events for the folder and ends the list with an OVERFLOW,
   * which has no path. directory-watcher 0.19 trips on that path (an NPE before our listener);
   * it must come out as lost events (a rescan), not as a watcher error.
   */
  @Test
  void anOverflowIsToldAsLostEventsNotAsAWatcherError() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> lost = new CopyOnWriteArrayList<>();
    watcher = new FolderWatcher("f", root, new FolderWatcher.Sink() {
      @Override
      public void changed(String relativePath, boolean directory) {
        if (held.getCount() == 0) return;
        held.countDown();
        try {
          release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void lost(String why) {
        lost.add(why);
      }
    });
    watcher.start();
    Files.writeString(root.resolve("first.txt"), "1");
    assertTrue(held.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the first event reached the sink");
    for (int i = 0; i < 600; i++) Files.writeString(root.resolve("burst-" + i + ".txt"), "x");
    release.countDown();
    await("the overflow told", () -> !lost.isEmpty());
    assertEquals(List.of(FolderWatcher.OVERFLOWED), List.copyOf(lost));
  }

  @Test
  void anNpeOfOurOwnIsNoOverflow() {
    assertFalse(FolderWatcher.isOverflow(new NullPointerException("ours")));
    assertFalse(FolderWatcher.isOverflow(new IllegalStateException()));
  }

  @Test
  void newSubdirectoriesAreWatchedToo() throws Exception {
    startWatching();
    Path sub = Files.createDirectories(root.resolve("a/b"));
    await("the new directories judged", () -> judgedPath("a"));
    Files.writeString(sub.resolve("deep.json"), "{}");
    await("a file in the new subdirectory judged", () -> judgedPath("a/b/deep.json"));
    assertTrue(body.triggers().stream().allMatch(t -> t.equals("watch")));
  }
}
