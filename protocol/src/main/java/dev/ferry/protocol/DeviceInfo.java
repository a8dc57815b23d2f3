package dev.ferry.protocol;

import java.time.Instant;

/** One device of the account; {@code current} marks the device that asked. */
public record DeviceInfo(String id, String name, Instant createdAt, Instant lastSeenAt, boolean current) {}
