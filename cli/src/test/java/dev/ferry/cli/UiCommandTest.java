package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiCommandTest {
  @Test
  void opensABrowserOnlyWhereThereIsADesktop() {
    assertEquals(Optional.of(List.of("xdg-open")), UiCommand.opener(Map.of("DISPLAY", ":0"), "Linux"));
    assertEquals(Optional.of(List.of("xdg-open")), UiCommand.opener(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux"));
    assertEquals(Optional.of(List.of("open")), UiCommand.opener(Map.of(), "Mac OS X"));
    assertTrue(UiCommand.opener(Map.of(), "Linux").isEmpty(), "headless: print only");
    assertTrue(UiCommand.opener(Map.of("DISPLAY", " "), "Linux").isEmpty());
  }

  @Test
  void withoutADaemonItSaysSoAndExitsThree(@TempDir Path home) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "ui", "--no-open", "--home", home.toString());
    assertEquals(ExitCodes.NO_DAEMON, code, err.toString());
    assertTrue(err.toString().contains("daemon"), err.toString());
  }
}
