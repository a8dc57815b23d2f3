package dev.ferry.ipc.methods;

/**
 * {@code events.subscribe}: {@code folder} limits the stream to one folder (null: every folder).
 * The daemon answers with {@code event} notifications ({@link Methods#EVENT}) until the client
 * hangs up; each carries a {@code type}: {@code state}, {@code progress}, {@code run},
 * {@code remote}, or {@code lagged} ({@code dropped} events were skipped because the client read
 * too slowly).
 */
public record EventsParams(String folder) {}
