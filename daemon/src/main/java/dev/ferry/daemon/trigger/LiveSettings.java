package dev.ferry.daemon.trigger;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.PerformanceSettings;
import dev.ferry.config.RetrySettings;
import dev.ferry.config.TriggerSettings;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The settings a running daemon can change without restarting ({@code [triggers]} and
 * {@code [performance]}), as of the last successful load or reload. Triggers read them at each
 * decision, and listeners hear of a reload so that timers already set are redone.
 */
@Singleton
public final class LiveSettings {
  private volatile FerryConfig config;
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

  @Inject
  public LiveSettings(FerryConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The whole config in force (its folder list and other sections are those the daemon started with). */
  public FerryConfig config() { return config; }

  public TriggerSettings triggers() { return config.triggers(); }

  public PerformanceSettings performance() { return config.performance(); }

  /** {@code [retry]} is read live too (the realtime reconnect backoff), though a reload keeps it. */
  public RetrySettings retry() { return config.retry(); }

  /** Installs {@code next} and tells every listener (on the caller's thread). */
  public void replace(FerryConfig next) {
    config = Objects.requireNonNull(next, "next");
    listeners.forEach(Runnable::run);
  }

  /** {@code listener} runs after each {@link #replace}. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }
}
