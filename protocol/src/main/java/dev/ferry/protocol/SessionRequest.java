package dev.ferry.protocol;

/** {@code POST /v1/sessions}: log a new device in with the account's auth key (base64). */
public record SessionRequest(String user, String authKey, String deviceName) {}
