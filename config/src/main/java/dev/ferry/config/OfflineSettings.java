package dev.ferry.config;

import java.time.Duration;
import java.util.Objects;

/** {@code [offline]}: while the hub is unreachable it is probed every {@code probeInterval}; on reconnect a sync runs if {@code syncOnReconnect}. */
public record OfflineSettings(boolean syncOnReconnect, Duration probeInterval) {
  public static final OfflineSettings DEFAULTS = new OfflineSettings(true, Duration.ofSeconds(30));

  public OfflineSettings {
    Objects.requireNonNull(probeInterval, "probeInterval");
  }
}
