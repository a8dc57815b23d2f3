package dev.ferry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FerryLocationsTest {
  static final Path HOME = Path.of("/home/ada");

  @Test
  void linuxDefaults() {
    FerryLocations l = FerryLocations.resolve(Map.of(), "Linux", HOME, null);
    assertEquals(new FerryLocations(null, Path.of("/home/ada/.config/ferry"), Path.of("/home/ada/.config/ferry/config.toml"),
        Path.of("/home/ada/.config/ferry/secrets"), Path.of("/home/ada/.local/state/ferry"),
        Path.of("/home/ada/.local/state/ferry/state.db"), Path.of("/home/ada/.local/state/ferry/logs"),
        Path.of("/home/ada/.local/state/ferry/control.sock")), l);
  }

  @Test
  void linuxHonoursXdgVariables() {
    FerryLocations l = FerryLocations.resolve(
        Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_STATE_HOME", "/st", "XDG_RUNTIME_DIR", "/run/user/1000"), "Linux", HOME, null);
    assertEquals(Path.of("/cfg/ferry/config.toml"), l.configFile());
    assertEquals(Path.of("/cfg/ferry/secrets"), l.secretsDir());
    assertEquals(Path.of("/st/ferry/state.db"), l.stateDb());
    assertEquals(Path.of("/st/ferry/logs"), l.logsDir());
    assertEquals(Path.of("/run/user/1000/ferry/control.sock"), l.socketPath());
  }

  @Test
  void relativeOrEmptyXdgValuesAreIgnored() {
    FerryLocations l = FerryLocations.resolve(
        Map.of("XDG_CONFIG_HOME", "cfg", "XDG_STATE_HOME", "", "XDG_RUNTIME_DIR", "run"), "Linux", HOME, null);
    assertEquals(Path.of("/home/ada/.config/ferry/config.toml"), l.configFile());
    assertEquals(Path.of("/home/ada/.local/state/ferry/state.db"), l.stateDb());
    assertEquals(Path.of("/home/ada/.local/state/ferry/control.sock"), l.socketPath());
  }

  @Test
  void ferryHomePutsEverythingUnderOneDirectory() {
    FerryLocations l = FerryLocations.resolve(Map.of("FERRY_HOME", "/tmp/dev1", "XDG_RUNTIME_DIR", "/run/user/1"), "Linux", HOME, null);
    assertEquals(new FerryLocations(Path.of("/tmp/dev1"), Path.of("/tmp/dev1"), Path.of("/tmp/dev1/config.toml"),
        Path.of("/tmp/dev1/secrets"), Path.of("/tmp/dev1"), Path.of("/tmp/dev1/state.db"), Path.of("/tmp/dev1/logs"),
        Path.of("/tmp/dev1/control.sock")), l);
  }

  @Test
  void homeOptionWinsOverFerryHome() {
    FerryLocations l = FerryLocations.resolve(Map.of("FERRY_HOME", "/tmp/env"), "Mac OS X", HOME, Path.of("/tmp/opt"));
    assertEquals(Path.of("/tmp/opt"), l.home());
    assertEquals(Path.of("/tmp/opt/config.toml"), l.configFile());
    assertEquals(Path.of("/tmp/opt/control.sock"), l.socketPath());
  }

  @Test
  void relativeHomeIsMadeAbsolute() {
    FerryLocations l = FerryLocations.resolve(Map.of(), "Linux", HOME, Path.of("devs/../dev2"));
    assertEquals(Path.of("").toAbsolutePath().resolve("dev2"), l.home());
  }

  @Test
  void macOsUsesLibrary() {
    FerryLocations l = FerryLocations.resolve(Map.of("XDG_CONFIG_HOME", "/ignored"), "Mac OS X", Path.of("/Users/ada"), null);
    Path base = Path.of("/Users/ada/Library/Application Support/ferry");
    assertNull(l.home());
    assertEquals(base.resolve("config.toml"), l.configFile());
    assertEquals(base.resolve("secrets"), l.secretsDir());
    assertEquals(base.resolve("state.db"), l.stateDb());
    assertEquals(Path.of("/Users/ada/Library/Logs/ferry"), l.logsDir());
    assertEquals(base.resolve("control.sock"), l.socketPath());
  }

  @Test
  void aSocketPathTooLongForSunPathMovesToTmp() {
    Path deep = Path.of("/tmp/junit1234567890/" + "x".repeat(80) + "/device-a");
    FerryLocations l = FerryLocations.resolve(Map.of("USER", "ada"), "Linux", HOME, deep);
    assertEquals(deep.resolve("config.toml"), l.configFile(), "only the socket moves");
    String socket = l.socketPath().toString();
    assertTrue(socket.matches("/tmp/ferry-ada-[0-9a-f]{12}/control\\.sock"), socket);
    assertTrue(socket.getBytes(StandardCharsets.UTF_8).length < 108);

    FerryLocations other = FerryLocations.resolve(Map.of("USER", "ada"), "Linux", HOME, deep.resolveSibling("device-b"));
    assertNotEquals(l.socketPath(), other.socketPath(), "each home keeps its own socket");
    assertEquals(l, FerryLocations.resolve(Map.of("USER", "ada"), "Linux", HOME, deep), "stable across runs");
  }

  @Test
  void theLimitIsSmallerOnMacOs() {
    // 104 bytes (plus NUL) fit Linux's 108-byte sun_path but not macOS's 104.
    Path home = Path.of("/" + "y".repeat(104 - "/control.sock".length() - 1));
    assertEquals(104, home.resolve("control.sock").toString().length());
    assertEquals(home.resolve("control.sock"), FerryLocations.resolve(Map.of(), "Linux", HOME, home).socketPath());
    assertTrue(FerryLocations.resolve(Map.of(), "Mac OS X", HOME, home).socketPath().startsWith("/tmp"));
  }
}
