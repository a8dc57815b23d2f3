package dev.ferry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubOptionsTest {
  @Test
  void defaultDataDirHonoursXdgDataHome() {
    assertEquals(Path.of("/x/data/ferry-server"), HubOptions.defaultDataDir(Map.of("XDG_DATA_HOME", "/x/data"), "/home/u"));
    assertEquals(Path.of("/home/u/.local/share/ferry-server"), HubOptions.defaultDataDir(Map.of(), "/home/u"));
    assertEquals(Path.of("/home/u/.local/share/ferry-server"), HubOptions.defaultDataDir(Map.of("XDG_DATA_HOME", "relative"), "/home/u"));
  }

  @Test
  void defaultsAndValidation() {
    HubOptions o = HubOptions.defaults(Path.of("/d"));
    assertEquals("127.0.0.1", o.bind());
    assertEquals(8787, o.port());
    assertEquals(SignupMode.INVITE, o.signup());
    assertEquals(Retention.DEFAULT, o.retention());
    assertThrows(IllegalArgumentException.class, () -> o.withPort(70000));
    assertThrows(IllegalArgumentException.class, () -> new Retention(0, java.time.Duration.ZERO));
    assertEquals(SignupMode.OPEN, SignupMode.parse("Open"));
    assertThrows(IllegalArgumentException.class, () -> SignupMode.parse("sometimes"));
  }
}
