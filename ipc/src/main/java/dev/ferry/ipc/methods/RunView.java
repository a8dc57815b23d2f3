package dev.ferry.ipc.methods;

import java.time.Instant;

/**
 * One finished sync run, as {@code history.list} shows it.
 *
 * @param trigger what started it: manual, startup, periodic, watch, hub, resume (merged requests join with '+')
 * @param direction both, upload, download or check
 * @param result ok, attention (conflicts or work left), failed, or skipped
 * @param error the error message when it failed, else null
 * @param errorCategory network, timeout, auth, ... when it failed, else null
 */
public record RunView(String folder, String trigger, String direction, Instant startedAt, long durationMs, String result,
    int uploaded, int downloaded, int deleted, int conflicts, long bytesUp, long bytesDown, String error,
    String errorCategory) {}
