package dev.ferry.server.store;

import java.time.Instant;

/** Who a valid device token belongs to. */
public record DeviceAuth(long accountId, String user, String deviceId, Instant lastSeenAt) {}
