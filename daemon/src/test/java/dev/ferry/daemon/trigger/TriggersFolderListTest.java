package dev.ferry.daemon.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.TestFolders;
import dev.ferry.daemon.control.PausedFolders;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.testing.FakeClock;
import dev.ferry.daemon.testing.FakeScheduler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder list of a reload: added, removed, changed, and set up again after a failed setup. */
class TriggersFolderListTest {
  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-03T10:00:00Z"));
  private final FakeScheduler timers = new FakeScheduler(clock);
  private Folders folders;

  @AfterEach
  void close() {
    if (folders != null) folders.close();
  }

  @Test
  void foldersComeGoChangeAndAFailedSetupIsTriedAgain() throws Exception {
    StateDb db = StateDb.open(dir.resolve("state.db"));
    FolderConfig docs = new FolderConfig("docs", dir.resolve("docs"), null, null);
    FolderConfig flaky = new FolderConfig("flaky", dir.resolve("flaky"), null, null);
    AtomicInteger flakySetups = new AtomicInteger();
    FerryConfig d = FerryConfig.defaults();
    FerryConfig config = new FerryConfig("http://hub", "laptop", d.sync(), d.triggers(), d.performance(), d.retry(), d.offline(),
        d.ui(), List.of(docs), null);
    folders = new Folders(config, f -> {
      if (f.id().equals("flaky") && flakySetups.incrementAndGet() == 1) throw new IllegalStateException("hub unreachable");
      return TestFolders.runnerOnly(() -> new FolderRunner(f.id(), f.path(), (request, onState) -> {
        throw new IllegalStateException("no sync engine in this test");
      }, report -> {}, clock, timers, () -> java.time.Duration.ZERO, new dev.ferry.daemon.events.EventBus(), null));
    }, new RunHistory(db), new PausedFolders(db), dev.ferry.config.FerryLocations.fromEnvironment(dir.resolve("home")));
    Triggers triggers = new Triggers(folders, new LiveSettings(config), timers);

    assertEquals(List.of(), triggers.applyFolders(List.of(docs)));
    assertEquals(List.of("added flaky"), triggers.applyFolders(List.of(docs, flaky)));
    assertTrue(folders.setupError("flaky").isPresent());
    // The same list again: the folder whose setup failed is set up again, the other is left alone.
    FolderRunner docsRunner = folders.runner("docs").orElseThrow();
    assertEquals(List.of("set up again flaky"), triggers.applyFolders(List.of(docs, flaky)));
    assertTrue(folders.setupError("flaky").isEmpty());
    assertTrue(folders.runner("flaky").isPresent());
    assertEquals(docsRunner, folders.runner("docs").orElseThrow());
    assertEquals(List.of(), triggers.applyFolders(List.of(docs, flaky)));

    FolderConfig moved = new FolderConfig("docs", dir.resolve("docs-moved"), null, null);
    assertEquals(List.of("changed docs"), triggers.applyFolders(List.of(moved, flaky)));
    assertEquals(dir.resolve("docs-moved"), folders.configs().get("docs").path());
    assertEquals(List.of("removed flaky"), triggers.applyFolders(List.of(moved)));
    assertEquals(List.of("docs"), List.copyOf(folders.configs().keySet()));
  }
}
