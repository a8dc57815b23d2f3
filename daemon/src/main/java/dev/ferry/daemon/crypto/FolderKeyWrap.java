package dev.ferry.daemon.crypto;

import dev.ferry.protocol.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps a folder's random 256-bit key with the account KEK for storage on the hub. Format:
 * version byte 0x01, 12-byte random nonce, AES-256-GCM ciphertext and 16-byte tag; the
 * associated data binds the folder id, so a hub cannot hand one folder's key to another.
 * Called once per folder and login, so a fresh {@link Cipher} per call costs nothing that
 * matters.
 */
public final class FolderKeyWrap {
  public static final int FOLDER_KEY_BYTES = 32;
  static final byte VERSION = 0x01;
  private static final int NONCE = 12;
  private static final int TAG = 16;
  /** Length of a wrapped key: version, nonce, key, tag. */
  public static final int WRAPPED_BYTES = 1 + NONCE + FOLDER_KEY_BYTES + TAG;
  private static final String AAD_PREFIX = "ferry/v1/folder-key|";
  private static final SecureRandom NONCES = new SecureRandom();

  private FolderKeyWrap() {}

  /** A fresh random folder key. */
  public static byte[] newFolderKey(SecureRandom random) {
    byte[] key = new byte[FOLDER_KEY_BYTES];
    random.nextBytes(key);
    return key;
  }

  /** Seals {@code folderKey} under {@code kek} for folder {@code folderId}. */
  public static byte[] wrap(byte[] kek, String folderId, byte[] folderKey) {
    checkKey(kek, "KEK");
    checkKey(folderKey, "folder key");
    checkFolder(folderId);
    byte[] out = new byte[WRAPPED_BYTES];
    out[0] = VERSION;
    byte[] nonce = new byte[NONCE];
    NONCES.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, 1, NONCE);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"),
          new GCMParameterSpec(TAG * 8, out, 1, NONCE));
      cipher.updateAAD(aad(folderId));
      cipher.doFinal(folderKey, 0, folderKey.length, out, 1 + NONCE);
      return out;
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every Java 17 runtime; failing here is a broken JDK.
      throw new IllegalStateException("AES-256-GCM is not available", e);
    }
  }

  /**
   * Opens a wrapped folder key.
   *
   * @throws WrongKeyException if it does not authenticate under {@code kek} for this folder:
   *     the password is wrong, or the wrapped key was altered or belongs to another folder
   */
  public static byte[] unwrap(byte[] kek, String folderId, byte[] wrapped) throws WrongKeyException {
    checkKey(kek, "KEK");
    checkFolder(folderId);
    String failure = "wrong password or corrupted folder key for folder " + folderId;
    if (wrapped == null || wrapped.length != WRAPPED_BYTES || wrapped[0] != VERSION) {
      throw new WrongKeyException(failure, null);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
          new GCMParameterSpec(TAG * 8, wrapped, 1, NONCE));
      cipher.updateAAD(aad(folderId));
      return cipher.doFinal(wrapped, 1 + NONCE, wrapped.length - 1 - NONCE);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new WrongKeyException(failure, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available", e);
    }
  }

  private static byte[] aad(String folderId) {
    return (AAD_PREFIX + folderId).getBytes(StandardCharsets.US_ASCII);
  }

  private static void checkKey(byte[] key, String what) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException(what + " must be 32 bytes");
    }
  }

  private static void checkFolder(String folderId) {
    if (!Ids.isFolderId(folderId)) {
      throw new IllegalArgumentException("invalid folder id: " + folderId);
    }
  }
}
