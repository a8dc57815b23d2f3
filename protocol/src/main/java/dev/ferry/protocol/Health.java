package dev.ferry.protocol;

/** {@code GET /healthz}. */
public record Health(String status, String version, int protocol) {}
