package dev.ferry.server.api;

/** The authenticated device making a request. */
public record Caller(long accountId, String user, String deviceId) {}
