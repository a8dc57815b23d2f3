package dev.ferry.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where Ferry keeps its files on this machine (SPEC §1).
 *
 * <ul>
 *   <li>{@code --home DIR} (or else {@code FERRY_HOME=DIR}) puts everything under DIR:
 *       {@code config.toml}, {@code secrets/}, {@code state.db}, {@code logs/},
 *       {@code control.sock}. This is how tests run several devices on one machine.
 *   <li>Linux and other Unixes: config and secrets under {@code $XDG_CONFIG_HOME/ferry}
 *       (default {@code ~/.config/ferry}), state database and logs under
 *       {@code $XDG_STATE_HOME/ferry} (default {@code ~/.local/state/ferry}), the socket in
 *       {@code $XDG_RUNTIME_DIR/ferry/} when that is set, else in the state directory. Relative
 *       XDG values are ignored, as the XDG spec requires.
 *   <li>macOS: config and state in {@code ~/Library/Application Support/ferry/}, logs in
 *       {@code ~/Library/Logs/ferry/}, the socket in the state directory.
 * </ul>
 *
 * <p>A Unix socket path must fit {@code sun_path} (108 bytes on Linux, 104 on macOS, including
 * the terminating NUL). When the computed socket path is too long — a deep {@code --home} in a
 * test's temp directory — the socket moves to {@code /tmp/ferry-USER-HASH/control.sock}, where
 * HASH is the first 12 hex digits of the SHA-256 of the long path, so each home keeps its own
 * socket. Whoever creates that directory must create it 0700 and refuse it if another user
 * owns it, since {@code /tmp} is shared.
 *
 * @param home the {@code --home}/{@code FERRY_HOME} directory, or null when the platform layout applies
 */
public record FerryLocations(
    Path home,
    Path configDir,
    Path configFile,
    Path secretsDir,
    Path stateDir,
    Path stateDb,
    Path logsDir,
    Path socketPath) {

  public static final String FERRY_HOME = "FERRY_HOME";
  static final int LINUX_SUN_PATH = 108;
  static final int MAC_SUN_PATH = 104;

  /** Resolves from the real environment, {@code os.name} and {@code user.home}. */
  public static FerryLocations fromEnvironment(Path homeOverride) {
    return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")),
        homeOverride);
  }

  /**
   * Resolves the locations; pure apart from making a relative home directory absolute against
   * the working directory.
   *
   * @param homeOverride the {@code --home} value, or null; it wins over {@code FERRY_HOME}
   */
  public static FerryLocations resolve(Map<String, String> env, String osName, Path userHome, Path homeOverride) {
    boolean mac = osName != null && osName.startsWith("Mac");
    Path home = homeOverride;
    if (home == null && nonEmpty(env.get(FERRY_HOME))) home = Path.of(env.get(FERRY_HOME));
    FerryLocations raw;
    if (home != null) {
      home = home.toAbsolutePath().normalize();
      raw = new FerryLocations(home, home, home.resolve("config.toml"), home.resolve("secrets"), home,
          home.resolve("state.db"), home.resolve("logs"), home.resolve("control.sock"));
    } else if (mac) {
      Path base = userHome.resolve("Library").resolve("Application Support").resolve("ferry");
      raw = new FerryLocations(null, base, base.resolve("config.toml"), base.resolve("secrets"), base,
          base.resolve("state.db"), userHome.resolve("Library").resolve("Logs").resolve("ferry"),
          base.resolve("control.sock"));
    } else {
      Path configDir = xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve("ferry");
      Path stateDir = xdg(env, "XDG_STATE_HOME", userHome.resolve(".local").resolve("state")).resolve("ferry");
      Path runtime = xdg(env, "XDG_RUNTIME_DIR", null);
      Path socket = runtime != null ? runtime.resolve("ferry").resolve("control.sock") : stateDir.resolve("control.sock");
      raw = new FerryLocations(null, configDir, configDir.resolve("config.toml"), configDir.resolve("secrets"), stateDir,
          stateDir.resolve("state.db"), stateDir.resolve("logs"), socket);
    }
    int limit = mac ? MAC_SUN_PATH : LINUX_SUN_PATH;
    if (raw.socketPath.toString().getBytes(StandardCharsets.UTF_8).length < limit) return raw;
    Path shortSocket = Path.of("/tmp", "ferry-" + userName(env, userHome) + "-" + shortHash(raw.socketPath.toString()),
        "control.sock");
    return new FerryLocations(raw.home, raw.configDir, raw.configFile, raw.secretsDir, raw.stateDir, raw.stateDb,
        raw.logsDir, shortSocket);
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static Path xdg(Map<String, String> env, String name, Path fallback) {
    String v = env.get(name);
    if (!nonEmpty(v)) return fallback;
    Path p = Path.of(v);
    return p.isAbsolute() ? p : fallback;
  }

  private static String userName(Map<String, String> env, Path userHome) {
    String name = env.get("USER");
    if (!nonEmpty(name)) name = env.get("LOGNAME");
    if (!nonEmpty(name) && userHome.getFileName() != null) name = userHome.getFileName().toString();
    if (!nonEmpty(name)) name = "user";
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.length() > 32 ? safe.substring(0, 32) : safe;
  }

  private static String shortHash(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
