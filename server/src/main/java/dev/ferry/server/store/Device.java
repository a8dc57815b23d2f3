package dev.ferry.server.store;

import java.time.Instant;

/** A device of an account that is not revoked. */
public record Device(String id, long accountId, String name, Instant createdAt, Instant lastSeenAt) {}
