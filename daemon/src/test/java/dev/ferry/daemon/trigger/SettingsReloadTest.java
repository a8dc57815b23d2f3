package dev.ferry.daemon.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.ConfigException;
import dev.ferry.config.ConfigLoader;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.reload: live sections apply, a bad file keeps the old config, restart-only changes are named. */
class SettingsReloadTest {
  @TempDir Path home;
  private Path file;
  private LiveSettings live;
  private SettingsReload reload;
  private final AtomicInteger notified = new AtomicInteger();
  private final List<List<dev.ferry.config.FolderConfig>> applied = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    FerryLocations loc = FerryLocations.resolve(Map.of(), "Linux", home, home);
    file = loc.configFile();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[triggers.watch]\ndebounce = \"500ms\"\n");
    live = new LiveSettings(ConfigLoader.load(file, home));
    live.onChange(notified::incrementAndGet);
    java.util.Set<String> running = new java.util.HashSet<>();
    reload = new SettingsReload(loc, live, wanted -> {
      applied.add(wanted);
      return wanted.stream().filter(f -> running.add(f.id())).map(f -> "added " + f.id()).toList();
    });
  }

  @Test
  void newTriggerSettingsAndThrottleApplyAtOnce() throws Exception {
    Files.writeString(file, "[triggers.watch]\ndebounce = \"0s\"\n[performance]\nthrottle = \"250ms\"\n");
    SettingsReload.Outcome o = reload.reload();
    assertEquals(List.of("triggers", "performance.throttle"), o.applied());
    assertEquals(List.of(), o.restartNeeded());
    assertEquals(Duration.ZERO, live.triggers().watch().debounce());
    assertEquals(Duration.ofMillis(250), live.performance().throttle());
    assertEquals(1, notified.get());
  }

  @Test
  void aBadFileKeepsTheRunningConfigAndNamesLineAndKey() throws Exception {
    FerryConfig before = live.config();
    Files.writeString(file, "[triggers.watch]\n\ndebounce = \"soon\"\n");
    ConfigException e = assertThrows(ConfigException.class, reload::reload);
    assertEquals(3, e.problems().get(0).line());
    assertEquals("triggers.watch.debounce", e.problems().get(0).key());
    assertSame(before, live.config());
    assertEquals(0, notified.get());
  }

  @Test
  void aFileReadBeforeAndNowGoneIsRefusedAndTheFoldersStay() throws Exception {
    Files.writeString(file, "[[folder]]\nid = \"notes\"\npath = \"" + home.resolve("notes") + "\"\n");
    reload.reload();
    FerryConfig before = live.config();
    Files.delete(file);
    ConfigException e = assertThrows(ConfigException.class, reload::reload);
    assertEquals(file, e.problems().get(0).file());
    assertTrue(e.getMessage().startsWith(file + ": the file is gone"), e.getMessage());
    assertSame(before, live.config());
    assertEquals(1, applied.size(), "the folder list was not applied again");
  }

  @Test
  void aFileDeletedBeforeTheFirstReloadIsRefusedToo() throws Exception {
    Files.writeString(file, "[[folder]]\nid = \"notes\"\npath = \"" + home.resolve("notes") + "\"\n");
    FerryLocations loc = FerryLocations.resolve(Map.of(), "Linux", home, home);
    LiveSettings started = new LiveSettings(ConfigLoader.load(file, home));
    Files.delete(file); // between the daemon's start and its first reload
    SettingsReload r = new SettingsReload(loc, started, wanted -> {
      applied.add(wanted);
      return List.of();
    });
    assertThrows(ConfigException.class, r::reload);
    assertTrue(applied.isEmpty());
    assertEquals(1, started.config().folders().size());
  }

  @Test
  void aDaemonStartedWithoutAFileStillReloadsToTheDefaults() throws Exception {
    Files.delete(file);
    FerryLocations loc = FerryLocations.resolve(Map.of(), "Linux", home, home);
    LiveSettings started = new LiveSettings(ConfigLoader.load(file, home));
    SettingsReload r = new SettingsReload(loc, started, wanted -> List.of());
    assertEquals(List.of(), r.reload().applied());
    // Once a file was written and read, its loss is refused.
    Files.writeString(file, "[triggers.watch]\ndebounce = \"0s\"\n");
    assertEquals(List.of("triggers"), r.reload().applied());
    Files.delete(file);
    assertThrows(ConfigException.class, r::reload);
    assertEquals(Duration.ZERO, started.triggers().watch().debounce());
  }

  @Test
  void aNewFolderListIsAppliedAndOtherSectionsAreReportedAsNeedingARestart() throws Exception {
    Files.writeString(file, "[triggers.watch]\ndebounce = \"500ms\"\n[retry]\nmax_attempts = 9\n"
        + "[[folder]]\nid = \"notes\"\npath = \"" + home.resolve("notes") + "\"\n");
    SettingsReload.Outcome o = reload.reload();
    assertEquals(List.of("folder (added notes)"), o.applied());
    assertEquals(List.of("retry"), o.restartNeeded());
    assertTrue(o.message().contains("restart"), o.message());
    assertEquals(1, applied.size());
    assertEquals("notes", applied.get(0).get(0).id());
    assertEquals(List.of("notes"), live.config().folders().stream().map(f -> f.id()).toList());
    assertEquals(5, live.config().retry().maxAttempts(), "retry stays as the daemon started");
    // The same list again changes nothing.
    assertEquals(List.of(), reload.reload().applied());
  }
}
