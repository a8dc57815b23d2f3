package dev.ferry.protocol;

/** A new device: its id and the bearer token it uses from now on (shown once). */
public record SessionResponse(String deviceId, String token) {}
