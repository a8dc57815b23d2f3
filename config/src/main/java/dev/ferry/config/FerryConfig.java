package dev.ferry.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole of config.toml (SPEC §3), validated. Build one with {@link ConfigLoader#load}; every
 * field is non-null except {@code server} and {@code deviceName} (not yet set by
 * {@code ferry init}/{@code login}) and {@code source} ({@code null} for {@link #defaults()}).
 */
public record FerryConfig(
    String server,
    String deviceName,
    SyncSettings sync,
    TriggerSettings triggers,
    PerformanceSettings performance,
    RetrySettings retry,
    OfflineSettings offline,
    UiSettings ui,
    List<FolderConfig> folders,
    Path source) {

  public FerryConfig {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(triggers, "triggers");
    Objects.requireNonNull(performance, "performance");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(offline, "offline");
    Objects.requireNonNull(ui, "ui");
    folders = folders == null ? List.of() : List.copyOf(folders);
  }

  /** The config of an absent file: every default of SPEC §3, no server, no folders. */
  public static FerryConfig defaults() {
    return new FerryConfig(null, null, SyncSettings.DEFAULTS, TriggerSettings.DEFAULTS, PerformanceSettings.DEFAULTS,
        RetrySettings.DEFAULTS, OfflineSettings.DEFAULTS, UiSettings.DEFAULTS, List.of(), null);
  }

  /** The folder with this id, if configured. */
  public Optional<FolderConfig> folder(String id) {
    return folders.stream().filter(f -> f.id().equals(id)).findFirst();
  }
}
