package dev.ferry.ipc.methods;

/**
 * {@code logs.tail}: live log lines from now on, at {@code level} and above (trace … error; null:
 * info and above as logged), only about {@code folder} when given. Each line arrives as a
 * {@code log} notification ({@link Methods#LOG}) whose params are the line's JSON object, or a
 * {@code lagged} one ({@code {"lagged":true,"dropped":N}}) when lines were skipped for a slow reader.
 */
public record LogsTailParams(String level, String folder) {}
