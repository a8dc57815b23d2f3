package dev.ferry.daemon.trigger;

import dev.ferry.config.ConfigException;
import dev.ferry.config.ConfigLoader;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.ConfigProblem;
import dev.ferry.config.FerryLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code config.reload} and SIGHUP: re-reads config.toml and applies {@code [triggers]} and
 * {@code [performance] throttle} to the running schedulers at once. A file with errors changes
 * nothing (the {@link ConfigException} names file, line and key), and nor does a file read
 * before that is gone. The folder list is applied
 * too: added folders start syncing, removed ones stop ({@link Triggers#applyFolders}). Other
 * sections are read only at start: the outcome says which of them changed, so the user knows
 * a restart is needed.
 */
@Singleton
public final class SettingsReload {
  private static final Logger log = LoggerFactory.getLogger(SettingsReload.class);

  private final FerryLocations locations;
  private final LiveSettings live;
  private final FolderList folders;
  /**
   * Whether the running config was read from an existing file. Then a reload that finds no file
   * is refused like a bad file: the defaults an absent file means at the first start would
   * drop every folder. A daemon that started without a file reloads to the defaults as before.
   */
  private boolean fileRead;

  /**
   * @param file the file read
   * @param applied what took effect now (empty: nothing changed)
   * @param restartNeeded sections that changed but apply only after a daemon restart
   */
  public record Outcome(String file, List<String> applied, List<String> restartNeeded, String message) {}

  /** Applies a reloaded folder list to the running daemon; returns what changed, one phrase a folder. */
  @FunctionalInterface
  interface FolderList {
    List<String> apply(List<dev.ferry.config.FolderConfig> folders);
  }

  @Inject
  public SettingsReload(FerryLocations locations, LiveSettings live, Triggers triggers) {
    this(locations, live, triggers::applyFolders);
  }

  SettingsReload(FerryLocations locations, LiveSettings live, FolderList folders) {
    this.locations = locations;
    this.live = live;
    this.folders = folders;
    // Whether the daemon's config came from a file: the file is there now, or the config is not
    // what an absent file gives (it was deleted since it was read at start).
    Path file = fileOf(live.config());
    this.fileRead = Files.exists(file) || !live.config().equals(defaultsFrom(file));
  }

  private Path fileOf(FerryConfig c) {
    return c.source() != null ? c.source() : locations.configFile();
  }

  /** What a missing file gives: the defaults, read "from" it. */
  private static FerryConfig defaultsFrom(Path file) {
    FerryConfig d = FerryConfig.defaults();
    return new FerryConfig(d.server(), d.deviceName(), d.sync(), d.triggers(), d.performance(), d.retry(), d.offline(), d.ui(),
        d.folders(), file);
  }

  public synchronized Outcome reload() throws ConfigException {
    FerryConfig old = live.config();
    Path file = fileOf(old);
    Optional<FerryConfig> read = ConfigLoader.loadIfPresent(file);
    if (read.isEmpty() && fileRead) {
      throw new ConfigException(new ConfigProblem(file, 0, 0, "", "the file is gone (deleted or moved?); the running config "
          + "read from it stays: put it back, or write a new one, and reload again"));
    }
    FerryConfig fresh = read.orElseGet(() -> defaultsFrom(file));
    fileRead |= read.isPresent();
    List<String> applied = new ArrayList<>();
    if (!fresh.triggers().equals(old.triggers())) applied.add("triggers");
    if (!fresh.performance().throttle().equals(old.performance().throttle())) applied.add("performance.throttle");
    List<String> restart = new ArrayList<>();
    if (fresh.performance().batchSize() != old.performance().batchSize()) restart.add("performance.batch_size");
    if (fresh.performance().compressOverBytes() != old.performance().compressOverBytes()) restart.add("performance.compress_over");
    List<String> folderChanges = folders.apply(fresh.folders());
    if (!folderChanges.isEmpty()) applied.add("folder (" + String.join(", ", folderChanges) + ")");
    if (!Objects.equals(fresh.server(), old.server())) restart.add("server");
    if (!Objects.equals(fresh.deviceName(), old.deviceName())) restart.add("device_name");
    if (!fresh.sync().equals(old.sync())) restart.add("sync");
    if (!fresh.retry().equals(old.retry())) restart.add("retry");
    if (!fresh.offline().equals(old.offline())) restart.add("offline");
    if (!fresh.ui().equals(old.ui())) restart.add("ui");
    // Only the live sections move; the rest stays as the daemon started, so what runs is coherent.
    FerryConfig next = new FerryConfig(old.server(), old.deviceName(), old.sync(), fresh.triggers(),
        new dev.ferry.config.PerformanceSettings(fresh.performance().throttle(), old.performance().batchSize(),
            old.performance().compressOverBytes()),
        old.retry(), old.offline(), old.ui(), fresh.folders(), file);
    if (!applied.isEmpty()) live.replace(next);
    StringBuilder m = new StringBuilder();
    m.append(applied.isEmpty() ? "no trigger or throttle setting changed" : "applied: " + String.join(", ", applied));
    if (!restart.isEmpty()) {
      m.append("; changed but needs a daemon restart to apply: ").append(String.join(", ", restart));
    }
    log.info("config reloaded from {}: {}", file, m);
    return new Outcome(file.toString(), applied, restart, m.toString());
  }
}
