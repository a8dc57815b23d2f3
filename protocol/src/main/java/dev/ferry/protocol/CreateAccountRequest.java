package dev.ferry.protocol;

/**
 * {@code POST /v1/accounts}. {@code authKey} is base64 of the client-derived auth key (the hub
 * stores only a hash of it); {@code invite} is required when the hub's signup mode is invite.
 */
public record CreateAccountRequest(String user, String authKey, KdfParams kdf, String invite) {}
