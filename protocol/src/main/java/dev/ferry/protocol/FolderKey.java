package dev.ferry.protocol;

/**
 * The folder key wrapped by the account KEK, base64; opaque to the hub. The first PUT wins: a
 * later PUT of a different key answers 409 with the stored one, so two devices adding the
 * same folder at once end up with one key.
 */
public record FolderKey(String wrappedKey) {}
