package dev.ferry.protocol;

import java.time.Instant;

/** The answer to an account creation. */
public record AccountCreated(String user, Instant createdAt) {}
