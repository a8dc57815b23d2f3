package dev.ferry.daemon.account;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.crypto.AccountKeys;
import dev.ferry.daemon.crypto.FolderKeyWrap;
import dev.ferry.daemon.crypto.KeyDerivation;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.protocol.CreateAccountRequest;
import dev.ferry.protocol.FolderKey;
import dev.ferry.protocol.KdfParams;
import dev.ferry.protocol.SessionRequest;
import dev.ferry.protocol.SessionResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

/**
 * {@code ferry init} and {@code ferry login}: derive the account keys from the password, talk
 * to the hub, and keep the device token and KEK in the secret store. The password itself is
 * never stored nor sent; only the derived auth key reaches the hub.
 */
public final class AccountSetup {
  private final SecretStore secrets;
  private final SecureRandom random;

  public AccountSetup(SecretStore secrets, SecureRandom random) {
    this.secrets = secrets;
    this.random = random;
  }

  /** Creates the account and registers this device. {@code kdf} may be null (default cost). */
  public DeviceCredentials createAccount(HubClient anonymous, String server, String user, char[] password, String invite,
      String deviceName, KdfParams kdf) throws IOException {
    KdfParams params = kdf != null ? kdf : KeyDerivation.newParams(random);
    AccountKeys keys = derive(password, params);
    try {
      anonymous.createAccount(new CreateAccountRequest(user, b64(keys.authKey()), params, invite));
      return register(anonymous, server, user, keys, deviceName);
    } catch (HubException e) {
      if (e.category() == ErrorCategory.AUTH) throw new AuthFailure("the hub refused the account: " + e.getMessage(), e);
      throw e;
    } finally {
      Arrays.fill(keys.authKey(), (byte) 0);
    }
  }

  /** Adds this device to an existing account. A wrong password fails here with AuthFailure. */
  public DeviceCredentials login(HubClient anonymous, String server, String user, char[] password, String deviceName)
      throws IOException {
    KdfParams params = anonymous.kdf(user);
    AccountKeys keys = derive(password, params);
    try {
      return register(anonymous, server, user, keys, deviceName);
    } catch (HubException e) {
      if (e.category() == ErrorCategory.AUTH) {
        throw new AuthFailure("login refused: wrong password or unknown user '" + user + "'", e);
      }
      throw e;
    } finally {
      Arrays.fill(keys.authKey(), (byte) 0);
    }
  }

  /**
   * What {@link #restoreKek} did: how the password was checked, and the id of a check session
   * the hub still lists because revoking it failed (null when none is left).
   */
  public record KekRestored(String checkedBy, String leftoverDeviceId) {}

  /**
   * Writes the account KEK again from the password, for a device whose credentials still work
   * but whose {@code account.kek} is missing or corrupt. The device keeps its identity (id,
   * token, name, state): only the lost key is derived again. A wrong password must not write a
   * wrong KEK (it would wrap new folder keys no other device can open), so the derived key is
   * checked first: against a folder key the hub holds for one of {@code folderIds} when there is
   * one (nothing changes on the hub), else by the hub itself through a session opened with the
   * auth key and revoked at once (the hub has no route that only checks a password).
   */
  public KekRestored restoreKek(HubClient anonymous, DeviceCredentials device, char[] password, Collection<String> folderIds)
      throws IOException {
    KdfParams params = anonymous.kdf(device.user());
    AccountKeys keys = derive(password, params);
    try {
      HubClient asDevice = anonymous.withToken(device.token());
      for (String folder : folderIds) {
        Optional<FolderKey> wrapped = asDevice.folderKey(folder);
        if (wrapped.isEmpty()) continue;
        try {
          FolderKeyWrap.unwrap(keys.kek(), folder, Base64.getDecoder().decode(wrapped.get().wrappedKey()));
        } catch (IllegalArgumentException e) {
          continue; // not a key this can judge by; another folder's, or the hub, may
        } catch (dev.ferry.daemon.crypto.CryptoException e) {
          throw new AuthFailure("login refused: wrong password for user '" + device.user()
              + "' (the key it gives does not open the hub's key of folder " + folder + ")", e);
        }
        secrets.saveKek(keys.kek());
        return new KekRestored("the hub's key of folder " + folder, null);
      }
      SessionResponse check;
      try {
        check = anonymous.createSession(new SessionRequest(device.user(), b64(keys.authKey()), device.deviceName()));
      } catch (HubException e) {
        if (e.category() == ErrorCategory.AUTH) {
          throw new AuthFailure("login refused: wrong password for user '" + device.user() + "'", e);
        }
        throw e;
      }
      secrets.saveKek(keys.kek());
      String leftover = null;
      try {
        anonymous.withToken(check.token()).revokeDevice(check.deviceId());
      } catch (HubException e) {
        leftover = check.deviceId();
      }
      return new KekRestored("the hub", leftover);
    } finally {
      keys.destroy();
    }
  }

  private DeviceCredentials register(HubClient anonymous, String server, String user, AccountKeys keys, String deviceName)
      throws IOException {
    SessionResponse s = anonymous.createSession(new SessionRequest(user, b64(keys.authKey()), deviceName));
    DeviceCredentials c = new DeviceCredentials(server, user, s.deviceId(), deviceName, s.token());
    secrets.saveKek(keys.kek());
    secrets.saveDevice(c);
    return c;
  }

  private static AccountKeys derive(char[] password, KdfParams params) throws IOException {
    try {
      return KeyDerivation.derive(password, params);
    } catch (dev.ferry.daemon.crypto.CryptoException e) {
      throw new AuthFailure("cannot derive keys with the hub's parameters: " + e.getMessage(), e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
