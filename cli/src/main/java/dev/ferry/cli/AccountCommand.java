package dev.ferry.cli;

import dev.ferry.config.ConfigEditor;
import dev.ferry.config.ConfigException;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.config.ServerUrl;
import dev.ferry.daemon.account.AccountSetup;
import dev.ferry.daemon.account.AuthFailure;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.daemon.remote.HubHttpClients;
import dev.ferry.protocol.Ids;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code init} and {@code login} share: options, validation, saving, reporting. */
abstract class AccountCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--server", required = true, paramLabel = "URL", description = "The hub, e.g. http://127.0.0.1:8787")
  String server;

  @Option(names = "--user", required = true, paramLabel = "NAME", description = "The account name.")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from FILE (else FERRY_PASSWORD, else a prompt).")
  Path passwordFile;

  @Option(names = "--device-name", paramLabel = "NAME", description = "How this device is shown (default: device_name in config, else the host name).")
  String deviceName;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  abstract DeviceCredentials register(AccountSetup setup, HubClient hub, String url, char[] password, String device) throws IOException;

  abstract String verb();

  @Override
  public Integer call() {
    Output out = new Output(spec);
    // The rule config.toml's server follows, checked before the hub is asked anything: a URL the
    // config would refuse must not leave a device registered on the hub and its secrets written.
    String trimmed = server.replaceAll("/+$", "");
    String why = ServerUrl.problem(trimmed);
    if (why != null) {
      return out.fail(ExitCodes.USAGE, "--server '" + ServerUrl.redacted(server) + "' " + why);
    }
    URI url = URI.create(trimmed);
    if (!Ids.isUserName(user)) {
      return out.fail(ExitCodes.USAGE, "--user must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    FerryLocations loc = common.locations();
    FerryConfig config;
    try {
      config = common.config();
    } catch (ConfigException e) {
      return out.fail(ExitCodes.FAILED, "bad config:\n" + e.getMessage());
    }
    SecretStore secrets = new SecretStore(loc.secretsDir());
    try {
      HubClient hub = new HubClient(url, null, HubHttpClients.create());
      DeviceCredentials existingDevice;
      try {
        existingDevice = secrets.device().orElse(null);
      } catch (AuthFailure unreadable) {
        // device.json is there but cannot be used: its token is lost, so only a login (a new
        // device of the account) gets this device syncing again; init would start another account
        // over the keys of this one kept in secrets/.
        if (!"login".equals(verb())) return out.fail(ExitCodes.FAILED, unreadable.getMessage());
        existingDevice = null;
      }
      boolean replacesRevoked = false;
      boolean replacesUnreadable = existingDevice == null && java.nio.file.Files.exists(secrets.deviceFile());
      if (existingDevice != null) {
        DeviceCredentials existing = existingDevice;
        boolean sameAccount = "login".equals(verb()) && existing.user().equals(user) && existing.server().equals(url.toString());
        String kekProblem = kekProblem(secrets);
        replacesRevoked = sameAccount && revokedHere(existing, url, hub);
        if (!replacesRevoked && sameAccount && kekProblem != null) {
          return restoreKek(out, loc, config, secrets, hub, existing);
        }
        if (!replacesRevoked) {
          String set = "this device is already set up as '" + existing.deviceName() + "' of user '"
              + existing.user() + "' on " + ServerUrl.redacted(existing.server()) + " (secrets in " + loc.secretsDir() + ")";
          // Its account key is lost: the login that writes it again is the one for its own account and hub.
          return out.fail(ExitCodes.FAILED, kekProblem == null ? set : set + "; but " + kekProblem);
        }
      }
      String device = deviceName != null ? deviceName : config.deviceName() != null ? config.deviceName() : hostName();
      if (!Ids.isDeviceName(device)) return out.fail(ExitCodes.USAGE, "invalid device name '" + device + "'");
      char[] password = Passwords.read(passwordFile, "init".equals(verb()));
      DeviceCredentials c = register(new AccountSetup(secrets, new SecureRandom()), hub, url.toString(), password, device);
      java.util.Arrays.fill(password, '\0');
      ConfigEditor.setTopLevel(loc.configFile(), "server", url.toString());
      ConfigEditor.setTopLevel(loc.configFile(), "device_name", device);
      if (common.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", c.user());
        m.put("server", c.server());
        m.put("deviceId", c.deviceId());
        m.put("deviceName", c.deviceName());
        out.json(m);
      } else {
        out.println(("init".equals(verb()) ? "Created account '" : "Logged in to account '") + c.user() + "' on " + c.server()
            + "; this device is '" + c.deviceName() + "' (" + c.deviceId() + ").");
        out.println(replacesRevoked
            ? "The hub had revoked this device's old token; it is replaced. Restart a running daemon (ferry daemon) to use it."
            : replacesUnreadable
            ? "The unreadable " + secrets.deviceFile() + " is replaced. The hub may still list this device's old entry:"
                + " see 'ferry devices', and 'ferry devices revoke ID' it. Then start the daemon (ferry daemon)."
            : "Next: ferry folder add ID PATH, then ferry daemon.");
      }
      return ExitCodes.OK;
    } catch (Passwords.UsageException e) {
      return out.fail(ExitCodes.USAGE, e.getMessage());
    } catch (AuthFailure e) {
      return out.fail(ExitCodes.AUTH, e.getMessage());
    } catch (HubException e) {
      return out.fail(e.category() == dev.ferry.daemon.core.ErrorCategory.AUTH ? ExitCodes.AUTH : ExitCodes.FAILED, e.getMessage());
    } catch (ConfigException e) {
      return out.fail(ExitCodes.FAILED, "cannot update the config:\n" + e.getMessage());
    } catch (IOException e) {
      return out.fail(ExitCodes.FAILED, Failures.describe(e));
    }
  }

  /** What is wrong with the account key kept here, or null when it is fine. */
  private static String kekProblem(SecretStore secrets) {
    try {
      secrets.requireKek();
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /**
   * The login of a device whose token still works but whose account key is missing or corrupt:
   * the key is derived again from the password and written, and the device keeps its identity
   * (its id, token and state stay valid; a new device would orphan the old entry on the hub and
   * start every folder's comparison afresh). A running daemon sets up again the folders it could
   * not open.
   */
  private int restoreKek(Output out, FerryLocations loc, FerryConfig config, SecretStore secrets, HubClient hub,
      DeviceCredentials existing) throws IOException, Passwords.UsageException {
    char[] password = Passwords.read(passwordFile, false);
    AccountSetup.KekRestored done;
    try {
      done = new AccountSetup(secrets, new SecureRandom()).restoreKek(hub, existing, password,
          config.folders().stream().map(dev.ferry.config.FolderConfig::id).toList());
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
    String daemon = FolderCommand.tellDaemon(loc);
    if (common.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", existing.user());
      m.put("server", existing.server());
      m.put("deviceId", existing.deviceId());
      m.put("deviceName", existing.deviceName());
      m.put("rewrote", java.util.List.of(secrets.kekFile().toString()));
      out.json(m);
    } else {
      out.println("Wrote the account key " + secrets.kekFile() + " again from the password (checked against "
          + done.checkedBy() + "); this device stays '" + existing.deviceName() + "' (" + existing.deviceId() + ").");
      out.println(daemon == null ? "Start the daemon (ferry daemon) to sync."
          : daemon.isEmpty() ? "The running daemon sets up its folders again." : daemon);
    }
    if (done.leftoverDeviceId() != null) {
      out.err().println("ferry: the hub still lists the session that checked the password as device "
          + done.leftoverDeviceId() + ": remove it with 'ferry devices revoke " + done.leftoverDeviceId() + "'");
    }
    return ExitCodes.OK;
  }

  /**
   * Whether {@code c} is this account on this hub and the hub refuses its token: a revoked
   * device, which the sync error tells to log in again. Only then may login replace it; a
   * device whose token still works, or that the hub cannot be asked about, keeps its secrets.
   */
  private static boolean revokedHere(DeviceCredentials c, URI url, HubClient hub) {
    if (!c.server().equals(url.toString())) return false;
    try {
      hub.withToken(c.token()).devices();
      return false;
    } catch (HubException e) {
      return e.status() == 401;
    }
  }

  static String hostName() {
    try {
      String h = InetAddress.getLocalHost().getHostName();
      int dot = h.indexOf('.');
      return dot > 0 ? h.substring(0, dot) : h;
    } catch (IOException e) {
      return "device";
    }
  }
}
