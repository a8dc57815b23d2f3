package dev.ferry.server.store;

/** What one {@link Store#housekeep} pass removed. */
public record Housekeeping(long revisions, long chunks, long idempotencyKeys, long invites) {}
