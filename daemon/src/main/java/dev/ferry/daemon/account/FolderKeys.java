package dev.ferry.daemon.account;

import dev.ferry.daemon.crypto.FolderKeyWrap;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.protocol.FolderKey;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Gets a folder's key: from the secret store, else from the hub (unwrapped with the account
 * KEK), else a new random key that is wrapped and offered to the hub. The hub keeps the first
 * key it is given, so two devices adding a folder at once converge on one key.
 */
public final class FolderKeys {
  private final SecretStore secrets;
  private final SecureRandom random;

  public FolderKeys(SecretStore secrets, SecureRandom random) {
    this.secrets = secrets;
    this.random = random;
  }

  public byte[] obtain(HubClient hub, String folderId) throws IOException {
    Optional<byte[]> cached = secrets.folderKey(folderId);
    if (cached.isPresent()) return cached.get();
    // Checked by the store (a missing or corrupt file is named, with the way out), so that a
    // KEK that is not one never reaches the unwrap below, nor wraps a new key for the hub.
    byte[] kek = secrets.requireKek();
    Optional<FolderKey> existing = hub.folderKey(folderId);
    FolderKey stored;
    if (existing.isPresent()) {
      stored = existing.get();
    } else {
      byte[] fresh = FolderKeyWrap.newFolderKey(random);
      stored = hub.putFolderKey(folderId, new FolderKey(Base64.getEncoder().encodeToString(FolderKeyWrap.wrap(kek, folderId, fresh))));
    }
    byte[] wrapped;
    try {
      wrapped = Base64.getDecoder().decode(stored.wrappedKey());
    } catch (IllegalArgumentException e) {
      throw new AuthFailure("the hub's key for folder " + folderId + " is not valid base64", e);
    }
    byte[] key;
    try {
      key = FolderKeyWrap.unwrap(kek, folderId, wrapped);
    } catch (dev.ferry.daemon.crypto.CryptoException e) {
      throw new AuthFailure("cannot open the key of folder " + folderId + ": " + e.getMessage()
          + " (was the account's password changed, or is this another account?)", e);
    }
    secrets.saveFolderKey(folderId, key);
    return key;
  }
}
