package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.ErrorCategory;
import java.time.Instant;
import java.util.List;

/** What a run did. {@code result}: ok, failed, or attention (conflicts or skipped work). */
public record RunReport(
    String folder,
    String trigger,
    String direction,
    Instant startedAt,
    long durationMs,
    String result,
    int uploaded,
    int downloaded,
    int deleted,
    int conflicts,
    long bytesUp,
    long bytesDown,
    int pending,
    List<String> notes,
    String error,
    ErrorCategory errorCategory) {}
