package dev.ferry.daemon.account;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.crypto.AccountKeys;
import dev.ferry.daemon.crypto.KeyDerivation;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.protocol.CreateAccountRequest;
import dev.ferry.protocol.KdfParams;
import dev.ferry.protocol.SessionRequest;
import dev.ferry.protocol.SessionResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

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
