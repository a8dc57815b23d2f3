package dev.ferry.ipc.methods;

/** Run durations in milliseconds (nearest-rank percentiles; all 0 when there were no runs). */
public record DurationPercentiles(long p50, long p95, long p99, long max) {}
