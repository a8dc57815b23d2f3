package dev.ferry.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code [performance]}: at most one sync start per folder per {@code throttle} (manual syncs
 * excepted), up to {@code batchSize} writes per hub request, compression for content larger
 * than {@code compressOverBytes}.
 */
public record PerformanceSettings(Duration throttle, int batchSize, long compressOverBytes) {
  public static final PerformanceSettings DEFAULTS = new PerformanceSettings(Duration.ofSeconds(1), 100, 10 * 1024);

  public PerformanceSettings {
    Objects.requireNonNull(throttle, "throttle");
  }
}
