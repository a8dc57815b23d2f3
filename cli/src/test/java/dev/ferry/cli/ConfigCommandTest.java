package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path home;

  /** Runs {@code ferry ARGS...} in this JVM, capturing stdout and stderr (the shared {@link CliRun}). */
  static CliRun.Result run(String... args) {
    return CliRun.run(args);
  }

  @Test
  void aMissingConfigIsValidDefaults() {
    CliRun.Result r = run("config", "check", "--home", home.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    assertTrue(r.out().startsWith("config OK: " + home.resolve("config.toml") + " (0 folders)\n"), r.out());
  }

  @Test
  void aValidConfigCountsItsFolders() throws Exception {
    Files.writeString(home.resolve("config.toml"), "server = \"https://hub.example.net\"\n[[folder]]\nid = \"a\"\npath = \"/srv/a\"\n");
    CliRun.Result r = run("config", "check", "--home", home.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    assertEquals("config OK: " + home.resolve("config.toml") + " (1 folder)\n", r.out());
  }

  @Test
  void problemsGoToStderrWithFileLineAndKey() throws Exception {
    Path file = home.resolve("config.toml");
    Files.writeString(file, "[ui]\nport = 70000\n[triggers.watch]\ndebounce = \"soon\"\n");
    CliRun.Result r = run("config", "check", "--home", home.toString());
    assertEquals(ExitCodes.FAILED, r.exit());
    String[] lines = r.err().split("\n");
    assertEquals(2, lines.length, r.err());
    assertEquals(file + ":2:1: ui.port: 70000 is out of range 0..65535", lines[0]);
    assertTrue(lines[1].startsWith(file + ":4:1: triggers.watch.debounce: "), lines[1]);
    assertEquals("", r.out());
  }

  @Test
  void jsonReportsProblemsAsOneDocument() throws Exception {
    Files.writeString(home.resolve("config.toml"), "colour = \"blue\"\n");
    CliRun.Result r = run("config", "check", "--home", home.toString(), "--json");
    assertEquals(ExitCodes.FAILED, r.exit());
    Map<?, ?> doc = Json.adapter(Map.class).fromJson(r.out());
    assertEquals(false, doc.get("ok"));
    List<?> problems = (List<?>) doc.get("problems");
    assertEquals(1, problems.size());
    Map<?, ?> p = (Map<?, ?>) problems.get(0);
    assertEquals("colour", p.get("key"));
    assertEquals(1.0, p.get("line"));
    assertEquals("unknown key", p.get("message"));
  }

  @Test
  void jsonOk() throws Exception {
    CliRun.Result r = run("config", "check", "--home", home.toString(), "--json");
    assertEquals(ExitCodes.OK, r.exit());
    Map<?, ?> doc = Json.adapter(Map.class).fromJson(r.out());
    assertEquals(true, doc.get("ok"));
    assertEquals(0.0, doc.get("folders"));
    assertEquals(false, doc.get("exists"));
  }

  @Test
  void helpNamesTheOptions() {
    CliRun.Result r = run("config", "check", "--help");
    assertEquals(ExitCodes.OK, r.exit());
    assertTrue(r.out().contains("--home=DIR") && r.out().contains("--json"), r.out());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertEquals(ExitCodes.USAGE, run("config", "check", "--bogus").exit());
  }
}
