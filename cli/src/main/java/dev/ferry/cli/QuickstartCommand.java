package dev.ferry.cli;

import dev.ferry.cli.logging.Logging;
import dev.ferry.config.ConfigEditor;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.account.AccountSetup;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.account.FolderKeys;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubHttpClients;
import dev.ferry.protocol.Ids;
import dev.ferry.server.Hub;
import dev.ferry.server.HubOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry quickstart}: one command, one machine. Starts a local hub, creates the account
 * on first use (printing the generated password once), adds the folder, and runs the daemon
 * in the foreground until Ctrl-C. Running it again reuses the same hub, account and folder.
 */
@Command(name = "quickstart", description = "Start a local hub and the daemon, set up on first use; Ctrl-C stops both.")
public final class QuickstartCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER", description = "The folder to sync (default ~/Ferry).")
  Path folder;

  @Option(names = "--port", paramLabel = "N", description = "Hub port (default 8787; 0 = any free port).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDR", description = "Hub address (default 127.0.0.1; 0.0.0.0 lets other machines join).")
  String bind = HubOptions.DEFAULT_BIND;

  @Option(names = "--data", paramLabel = "DIR", description = "Hub data directory (default: DIR/hub under --home, else ~/.local/share/ferry-server).")
  Path data;

  @Option(names = "--user", paramLabel = "NAME", description = "Account name (default: your login name).")
  String user;

  @Option(names = "--save-password", paramLabel = "FILE", description = "Also write the generated password to FILE (mode 0600).")
  Path savePassword;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    FerryLocations loc = common.locations();
    Hub hub = null;
    Path dir = (folder != null ? folder : Path.of(System.getProperty("user.home"), "Ferry")).toAbsolutePath().normalize();
    // Before the hub starts or an account is made: a file where the folder should be is refused, like folder add does.
    if (Files.exists(dir) && !Files.isDirectory(dir)) return out.fail(ExitCodes.FAILED, "not a directory: " + dir);
    try {
      FerryConfig config = common.config();
      SecretStore secrets = new SecretStore(loc.secretsDir());
      DeviceCredentials device = secrets.device().orElse(null);
      Path dataDir = data != null ? data : loc.home() != null ? loc.home().resolve("hub") : HubOptions.defaultDataDir();
      int hubPort = port != null ? port : device != null ? URI.create(device.server()).getPort() : HubOptions.DEFAULT_PORT;
      if (device != null && !isLoopback(URI.create(device.server()))) {
        return out.fail(ExitCodes.FAILED, "this device already belongs to the hub at " + device.server()
            + "; quickstart runs a local hub. Use 'ferry daemon' instead, or another --home.");
      }
      try {
        hub = Hub.start(HubOptions.defaults(dataDir).withBind(bind).withPort(hubPort));
      } catch (RuntimeException e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("in use")) {
          return out.fail(ExitCodes.FAILED, "port " + hubPort + " on " + bind + " is in use (another ferry server?); "
              + (device == null ? "choose another with --port N, or --port 0 for any free port" : "stop what holds it: this device's hub lives there"));
        }
        throw e;
      }
      String url = "http://" + ("0.0.0.0".equals(bind) ? "127.0.0.1" : bind) + ":" + hub.port();
      HubClient anonymous = new HubClient(URI.create(url), null, HubHttpClients.create());
      String password = null;
      if (device == null) {
        String name = user != null ? user : defaultUser();
        if (!Ids.isUserName(name)) return out.fail(ExitCodes.USAGE, "invalid --user '" + name + "'");
        password = newPassword();
        String deviceName = config.deviceName() != null ? config.deviceName() : AccountCommand.hostName();
        device = new AccountSetup(secrets, new SecureRandom()).createAccount(anonymous, url, name, password.toCharArray(),
            Hub.createInvite(dataDir), deviceName, null);
        ConfigEditor.setTopLevel(loc.configFile(), "server", url);
        ConfigEditor.setTopLevel(loc.configFile(), "device_name", deviceName);
        if (savePassword != null) {
          Files.deleteIfExists(savePassword);
          Files.createFile(savePassword, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(savePassword, password + "\n", StandardCharsets.UTF_8);
        }
      }
      String folderId = ensureFolder(loc, config, secrets, new HubClient(URI.create(device.server()), device.token(),
          HubHttpClients.create()), dir);
      config = common.config();
      Logging.forService(loc.logsDir(), "daemon", device.deviceName(), false);
      DeviceCredentials d = device;
      String pw = password;
      Hub running = hub;
      ProgressFeed[] bar = new ProgressFeed[1];
      try {
        return DaemonCommand.runUntilStopped(loc, config, out, () -> {
          printWelcome(out, d, pw, folderId, dir, running, dataDir);
          // Each run's progress under the instructions, on a terminal only; wiped when the run ends.
          if (!common.json() && Output.isTerminal()) {
            bar[0] = ProgressFeed.start(loc.socketPath(), null, new ProgressLine(out.out(), ProgressLine.terminalWidth(System.getenv())));
          }
        });
      } finally {
        if (bar[0] != null) bar[0].close();
      }
    } catch (Exception e) {
      return Failures.report(out, e);
    } finally {
      if (hub != null) hub.close();
    }
  }

  private String ensureFolder(FerryLocations loc, FerryConfig config, SecretStore secrets, HubClient hub, Path dir) throws Exception {
    for (FolderConfig f : config.folders()) {
      if (f.path().equals(dir)) return f.id();
    }
    String id = dir.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
    if (!Ids.isFolderId(id)) id = "ferry";
    String base = id;
    for (int i = 2; config.folder(id).isPresent(); i++) id = base + "-" + i;
    new FolderKeys(secrets, new SecureRandom()).obtain(hub, id);
    Files.createDirectories(dir);
    Path marker = dir.resolve(FolderScanner.MARKER);
    if (!Files.exists(marker)) Files.writeString(marker, "ferry folder " + id + "\n");
    ConfigEditor.addFolder(loc.configFile(), id, dir.toString(), null);
    return id;
  }

  private void printWelcome(Output out, DeviceCredentials d, String password, String folderId, Path dir, Hub hub, Path dataDir) {
    List<String> join = joinCommands(d, folderId);
    if (common.json()) {
      // One document once everything is up, with what the human form shows; the run goes on after it.
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("server", d.server());
      doc.put("hub", hub.url().toString());
      doc.put("hubData", dataDir.toString());
      doc.put("user", d.user());
      doc.put("deviceName", d.deviceName());
      doc.put("deviceId", d.deviceId());
      doc.put("folder", folderId);
      doc.put("path", dir.toString());
      if (password != null) doc.put("password", password);
      if (password != null && savePassword != null) doc.put("passwordFile", savePassword.toString());
      doc.put("join", join);
      out.json(doc);
      return;
    }
    out.println("Ferry is running: hub " + hub.url() + " (data " + dataDir + "), folder '" + folderId + "' at " + dir + ".");
    out.println("Account '" + d.user() + "', this device '" + d.deviceName() + "'.");
    if (password != null) {
      out.println("");
      out.println("  Password (shown once" + (savePassword != null ? "; also saved to " + savePassword : "") + "): " + password);
      out.println("");
    }
    out.println("To join a second device (another FERRY_HOME on this machine shown; on another machine,");
    out.println("start quickstart with --bind 0.0.0.0 and use this machine's address instead of 127.0.0.1):");
    for (String line : join) out.println("  " + line);
    out.println("Press Ctrl-C to stop.");
  }

  /** The commands a second device runs to join, as they can be pasted. */
  private static List<String> joinCommands(DeviceCredentials d, String folderId) {
    String ferry = ferryCommand();
    return List.of("export FERRY_HOME=$HOME/ferry-second",
        ferry + " login --server " + d.server() + " --user " + d.user(),
        ferry + " folder add " + folderId + " $HOME/Ferry-second",
        ferry + " daemon");
  }

  /** "ferry" when it is on the PATH, else the launcher's absolute path, so the lines can be pasted as they are. */
  static String ferryCommand() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ferry"))) return "ferry";
      }
    }
    try {
      return String.join(" ", dev.ferry.cli.service.Launcher.command(System.getenv()));
    } catch (IllegalStateException e) {
      return "ferry";
    }
  }

  static boolean isLoopback(URI u) {
    String h = u.getHost();
    return h != null && (h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1"));
  }

  static String defaultUser() {
    String u = System.getProperty("user.name", "me").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
    return Ids.isUserName(u) ? u : "me";
  }

  /** 20 characters from a 31-letter alphabet without look-alikes (no i, l, o, 0, 1): about 99 bits. */
  static String newPassword() {
    String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    SecureRandom r = new SecureRandom();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) b.append('-');
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
