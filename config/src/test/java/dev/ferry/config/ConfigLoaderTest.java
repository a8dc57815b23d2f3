package dev.ferry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  static final Path HOME = Path.of("/home/ada");
  static final Path FILE = Path.of("/cfg/config.toml");

  /** The example of SPEC §3, with non-default values where the defaults would hide a bug. */
  static final String FULL = """
      server = "https://hub.example.net"
      device_name = "laptop"

      [sync]
      conflict_strategy = "keep-both"   # merge | keep-both | ...

      [triggers.startup]
      enabled = false
      blocking = true
      timeout = "45s"
      [triggers.periodic]
      enabled = false
      interval = "7m"
      only_if_changes = true
      rescan_interval = "2h"
      [triggers.watch]
      enabled = false
      debounce = "250ms"
      max_delay = "1m30s"
      [triggers.realtime]
      enabled = false
      auto_apply = false
      notify = true

      [performance]
      throttle = "2s"
      batch_size = 50
      compress_over = "1MiB"

      [retry]
      max_attempts = 7
      backoff = "2s"
      multiplier = 1.5
      max_backoff = "10m"

      [offline]
      sync_on_reconnect = false
      probe_interval = "1m"

      [ui]
      enabled = false
      port = 8123

      [[folder]]
      id = "orchestrator"
      path = "~/.config/orchestrator"
      conflict_strategy = "merge"   # optional, overrides [sync]
      ignore = ["*.tmp", ".cache/"]

      [[folder]]
      id = "notes"
      path = "/srv/notes"
      """;

  static FerryConfig parse(String text) throws ConfigException {
    return ConfigLoader.parse(text, FILE, HOME);
  }

  @Test
  void fullExampleParsesToEveryValue() throws Exception {
    FerryConfig c = parse(FULL);
    assertEquals("https://hub.example.net", c.server());
    assertEquals("laptop", c.deviceName());
    assertEquals(ConflictStrategy.KEEP_BOTH, c.sync().conflictStrategy());
    assertEquals(new TriggerSettings.Startup(false, true, Duration.ofSeconds(45)), c.triggers().startup());
    assertEquals(new TriggerSettings.Periodic(false, Duration.ofMinutes(7), true, Duration.ofHours(2)), c.triggers().periodic());
    assertEquals(new TriggerSettings.Watch(false, Duration.ofMillis(250), Duration.ofSeconds(90)), c.triggers().watch());
    assertEquals(new TriggerSettings.Realtime(false, false, true), c.triggers().realtime());
    assertEquals(new PerformanceSettings(Duration.ofSeconds(2), 50, 1 << 20), c.performance());
    assertEquals(new RetrySettings(7, Duration.ofSeconds(2), 1.5, Duration.ofMinutes(10)), c.retry());
    assertEquals(new OfflineSettings(false, Duration.ofMinutes(1)), c.offline());
    assertEquals(new UiSettings(false, 8123), c.ui());
    assertEquals(List.of(
        new FolderConfig("orchestrator", Path.of("/home/ada/.config/orchestrator"), ConflictStrategy.MERGE, List.of("*.tmp", ".cache/")),
        new FolderConfig("notes", Path.of("/srv/notes"), null, List.of())), c.folders());
    assertEquals(FILE, c.source());
    assertEquals(ConflictStrategy.MERGE, c.folders().get(0).effectiveStrategy(c));
    assertEquals(ConflictStrategy.KEEP_BOTH, c.folders().get(1).effectiveStrategy(c));
    assertEquals("notes", c.folder("notes").orElseThrow().id());
  }

  @Test
  void defaultsAreThoseOfTheSpec() throws Exception {
    // The SPEC §3 example spelt out with its default values must equal defaults() plus its folder.
    String spec = FULL.replace("\"keep-both\"", "\"merge\"").replaceAll("enabled = false", "enabled = true")
        .replace("blocking = true", "blocking = false").replace("\"45s\"", "\"30s\"").replace("\"7m\"", "\"5m\"")
        .replace("only_if_changes = true", "only_if_changes = false").replace("\"2h\"", "\"1h\"")
        .replace("\"250ms\"", "\"500ms\"").replace("\"1m30s\"", "\"10s\"").replace("auto_apply = false", "auto_apply = true")
        .replace("notify = true", "notify = false").replace("\"2s\"\nbatch_size = 50", "\"1s\"\nbatch_size = 100")
        .replace("\"1MiB\"", "\"10KiB\"").replace("max_attempts = 7", "max_attempts = 5").replace("backoff = \"2s\"", "backoff = \"1s\"")
        .replace("multiplier = 1.5", "multiplier = 2.0").replace("\"10m\"", "\"5m\"")
        .replace("sync_on_reconnect = false", "sync_on_reconnect = true").replace("\"1m\"", "\"30s\"")
        .replace("port = 8123", "port = 0");
    FerryConfig c = parse(spec);
    FerryConfig d = FerryConfig.defaults();
    assertEquals(d.sync(), c.sync());
    assertEquals(d.triggers(), c.triggers());
    assertEquals(d.performance(), c.performance());
    assertEquals(d.retry(), c.retry());
    assertEquals(d.offline(), c.offline());
    assertEquals(d.ui(), c.ui());
    assertEquals(new PerformanceSettings(Duration.ofSeconds(1), 100, 10240), d.performance());
  }

  @Test
  void missingFileIsDefaultsWithoutServerOrFolders(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nope/config.toml");
    FerryConfig c = ConfigLoader.load(file, HOME);
    assertNull(c.server());
    assertEquals(List.of(), c.folders());
    assertEquals(file, c.source());
    assertEquals(FerryConfig.defaults().triggers(), c.triggers());
    assertTrue(ConfigLoader.loadIfPresent(file, HOME).isEmpty(), "a reload tells a missing file from an empty one");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "");
    assertTrue(ConfigLoader.loadIfPresent(file, HOME).isPresent());
  }

  @Test
  void emptyFileIsDefaults() throws Exception {
    FerryConfig c = parse("# nothing yet\n");
    assertEquals(FerryConfig.defaults().retry(), c.retry());
  }

  @Test
  void unreadableFileIsOneProblemWithoutPosition(@TempDir Path dir) {
    var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, HOME));
    assertEquals(0, e.problems().get(0).line());
    assertEquals(dir + ": cannot read the file: it is a directory, not a file", e.getMessage(), "in words, no exception class");
  }

  @Test
  void loadsFromDiskAndNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, "[ui]\nport = 70000\n");
    var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, HOME));
    assertEquals(file + ":2:1: ui.port: 70000 is out of range 0..65535", e.getMessage());
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        // text, line, key, part of the message
        Arguments.of("colour = 1\n", 1, "colour", "unknown key"),
        Arguments.of("[sync]\nconflict_stratgy = \"merge\"\n", 2, "sync.conflict_stratgy", "did you mean \"conflict_strategy\""),
        Arguments.of("[triggers.watch]\nenabled = true\nbounce = \"1s\"\n", 3, "triggers.watch.bounce", "unknown key"),
        Arguments.of("[trigers.watch]\n", 1, "trigers", "unknown key"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"/a\"\nexclude = []\n", 4, "folder[0].exclude", "unknown key"),
        Arguments.of("server = 42\n", 1, "server", "expected a string, got an integer"),
        Arguments.of("server = \"ftp://hub\"\n", 1, "server", "http:// or https://"),
        Arguments.of("server = \"hub.example.net\"\n", 1, "server", "http:// or https://"),
        Arguments.of("server = \"https://\"\n", 1, "server", "\"https://\" is not a valid URL"),
        Arguments.of("server = \"https:///x\"\n", 1, "server", "has no host name"),
        Arguments.of("server = \"https://u:p@hub\"\n", 1, "server", "user name or password"),
        Arguments.of("device_name = \"\"\n", 1, "device_name", "1-64 printable"),
        Arguments.of("sync = \"merge\"\n", 1, "sync", "expected a table, got a string"),
        Arguments.of("[sync]\nconflict_strategy = \"theirs\"\n", 2, "sync.conflict_strategy", "unknown conflict strategy \"theirs\""),
        Arguments.of("[triggers.startup]\nenabled = \"yes\"\n", 2, "triggers.startup.enabled", "expected true or false, got a string"),
        Arguments.of("[triggers.watch]\ndebounce = 500\n", 2, "triggers.watch.debounce", "duration string"),
        Arguments.of("[triggers.watch]\ndebounce = \"-1s\"\n", 2, "triggers.watch.debounce", "must not be negative"),
        Arguments.of("[triggers.watch]\ndebounce = \"soon\"\n", 2, "triggers.watch.debounce", "is not a duration"),
        Arguments.of("[triggers.watch]\ndebounce = \"20s\"\n", 1, "triggers.watch.max_delay", "must not be shorter than debounce"),
        Arguments.of("[triggers.periodic]\ninterval = \"0s\"\n", 2, "triggers.periodic.interval", "longer than zero"),
        Arguments.of("[performance]\nthrottle = \"-1s\"\n", 2, "performance.throttle", "must not be negative"),
        Arguments.of("[performance]\nbatch_size = 0\n", 2, "performance.batch_size", "out of range 1..500"),
        Arguments.of("[performance]\nbatch_size = 501\n", 2, "performance.batch_size", "out of range 1..500"),
        Arguments.of("[performance]\ncompress_over = \"10KB\"\n", 2, "performance.compress_over", "10KiB"),
        Arguments.of("[performance]\ncompress_over = -1\n", 2, "performance.compress_over", "negative"),
        Arguments.of("[retry]\nmultiplier = 0.5\n", 2, "retry.multiplier", "at least 1"),
        Arguments.of("[retry]\nmultiplier = inf\n", 2, "retry.multiplier", "finite"),
        Arguments.of("[retry]\nmax_attempts = 0\n", 2, "retry.max_attempts", "out of range"),
        Arguments.of("[retry]\nbackoff = \"10m\"\n", 1, "retry.max_backoff", "must not be shorter than backoff"),
        Arguments.of("[ui]\nport = -1\n", 2, "ui.port", "out of range 0..65535"),
        Arguments.of("[ui]\nport = 65536\n", 2, "ui.port", "out of range 0..65535"),
        Arguments.of("[ui]\nport = 80.5\n", 2, "ui.port", "expected an integer, got a float"),
        Arguments.of("[folder]\nid = \"a\"\n", 1, "folder", "[[folder]] (double brackets)"),
        Arguments.of("folder = [1, 2]\n", 1, "folder", "expected [[folder]] tables, got an array"),
        Arguments.of("[[folder]]\npath = \"/a\"\n", 1, "folder[0].id", "missing"),
        Arguments.of("[[folder]]\nid = \"a\"\n", 1, "folder[0].path", "missing"),
        Arguments.of("[[folder]]\nid = \"-bad id\"\npath = \"/a\"\n", 2, "folder[0].id", "must be 1-64 letters"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"relative/dir\"\n", 3, "folder[0].path", "relative path"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"$HOME/x\"\n", 3, "folder[0].path", "environment variables"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"~bob/x\"\n", 3, "folder[0].path", "not ~user"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"/a\"\nconflict_strategy = \"mine\"\n", 4, "folder[0].conflict_strategy", "unknown conflict strategy"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"/a\"\nignore = \"*.tmp\"\n", 4, "folder[0].ignore", "expected an array of strings"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"/a\"\nignore = [\"*.tmp\", 3]\n", 4, "folder[0].ignore", "element 1: expected a string"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"/a\"\n[[folder]]\nid = \"a\"\npath = \"/b\"\n", 5, "folder[1].id", "already used by the [[folder]] at line 1"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"/a\"\n[[folder]]\nid = \"b\"\npath = \"/a/\"\n", 6, "folder[1].path", "folder \"b\" (\"/a/\") is the same directory as folder \"a\" (/a, line 1)"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"/a\"\n[[folder]]\nid = \"b\"\npath = \"/a/x/../y\"\n", 6, "folder[1].path", "folder \"b\" (\"/a/x/../y\") is inside folder \"a\" (/a, line 1)"),
        Arguments.of("[[folder]]\nid = \"a\"\npath = \"~/a/b\"\n[[folder]]\nid = \"b\"\npath = \"~\"\n", 6, "folder[1].path", "folder \"b\" (\"~\") contains folder \"a\""),
        Arguments.of("x = 1\nx = 2\n", 2, "x", "previously defined"),
        Arguments.of("server = \"https://a\n", 1, "server", ""),
        Arguments.of("[sync\nconflict_strategy = \"merge\"\n", 1, "", ""));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void eachBadInputIsAProblemAtItsLineAndKey(String text, int line, String key, String message) {
    var e = assertThrows(ConfigException.class, () -> parse(text));
    assertEquals(1, e.problems().size(), e.getMessage());
    ConfigProblem p = e.problems().get(0);
    assertEquals(FILE, p.file());
    assertEquals(key, p.key(), e.getMessage());
    assertEquals(line, p.line(), e.getMessage());
    assertTrue(p.column() >= 1, e.getMessage());
    assertTrue(p.message().contains(message), e.getMessage());
  }

  @Test
  void aHandEditedConfigWithTwoFoldersOverOneDirectoryThroughASymlinkIsRefused(@TempDir Path dir) throws Exception {
    Path x = Files.createDirectories(dir.resolve("x"));
    Path link = Files.createSymbolicLink(dir.resolve("link-to-x"), x);
    Path inner = Files.createSymbolicLink(dir.resolve("link-into-x"), Files.createDirectories(x.resolve("sub")));
    String a = "[[folder]]\nid = \"a\"\npath = \"" + x + "\"\n";
    var same = assertThrows(ConfigException.class, () -> parse(a + "[[folder]]\nid = \"b\"\npath = \"" + link + "\"\n"));
    assertEquals("folder[1].path", same.problems().get(0).key());
    assertEquals(6, same.problems().get(0).line());
    assertTrue(same.getMessage().contains("folder \"b\" (\"" + link + "\") is the same directory as folder \"a\" (" + x
        + ", line 1) once symlinks are followed"), same.getMessage());
    var inside = assertThrows(ConfigException.class, () -> parse(a + "[[folder]]\nid = \"c\"\npath = \"" + inner + "\"\n"));
    assertTrue(inside.getMessage().contains("is inside folder \"a\""), inside.getMessage());
    var around = assertThrows(ConfigException.class,
        () -> parse("[[folder]]\nid = \"c\"\npath = \"" + inner + "\"\n[[folder]]\nid = \"b\"\npath = \"" + link + "\"\n"));
    assertTrue(around.getMessage().contains("folder \"b\" (\"" + link + "\") contains folder \"c\""), around.getMessage());
    // Folders apart on disk load, whether or not they exist yet.
    assertEquals(2, parse(a + "[[folder]]\nid = \"d\"\npath = \"" + dir.resolve("y/z") + "\"\n").folders().size());
  }

  @Test
  void aServerWithCredentialsIsRefusedWithoutPrintingThem() {
    var e = assertThrows(ConfigException.class, () -> parse("server = \"https://alice:s3cret@hub:8787/\"\n"));
    assertTrue(e.getMessage().contains("\"https://***@hub:8787/\" must not contain a user name or password"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void siblingFoldersWithACommonPrefixDoNotClash() throws Exception {
    FerryConfig c = parse("[[folder]]\nid = \"a\"\npath = \"/srv/notes\"\n[[folder]]\nid = \"b\"\npath = \"/srv/notes2\"\n");
    assertEquals(2, c.folders().size());
  }

  @Test
  void everyProblemIsReportedAtOnceInFileOrder() {
    String text = """
        server = "gopher://x"
        [triggers.watch]
        debounce = "fast"
        [ui]
        port = 99999
        colour = "blue"
        [[folder]]
        id = "a b"
        path = "rel"
        """;
    var e = assertThrows(ConfigException.class, () -> parse(text));
    assertEquals(List.of("server", "triggers.watch.debounce", "ui.port", "ui.colour", "folder[0].id", "folder[0].path"),
        e.problems().stream().map(ConfigProblem::key).toList());
    assertEquals(List.of(1, 3, 5, 6, 8, 9), e.problems().stream().map(ConfigProblem::line).toList());
    String[] lines = e.getMessage().split("\n");
    assertEquals(6, lines.length);
    assertTrue(lines[1].startsWith("/cfg/config.toml:3:1: triggers.watch.debounce: "), lines[1]);
  }

  @Test
  void syntaxErrorsCarryTomljPositions() {
    var e = assertThrows(ConfigException.class, () -> parse("server = \"https://a\"\n[sync\nconflict_strategy = \n"));
    assertTrue(e.problems().size() >= 1);
    assertEquals(2, e.problems().get(0).line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("/cfg/config.toml:2:"), e.getMessage());
  }

  @Test
  void aSyntaxErrorNamesTheKeyItsLineAssigns() {
    var e = assertThrows(ConfigException.class, () -> parse("[performance]\nthrottle = \n"));
    assertTrue(e.getMessage().startsWith("/cfg/config.toml:2:"), e.getMessage());
    assertEquals("performance.throttle", e.problems().get(0).key(), e.getMessage());
    assertTrue(e.getMessage().contains(": performance.throttle: "), e.getMessage());
    var f = assertThrows(ConfigException.class,
        () -> parse("[[folder]]\nid = \"a\"\npath = \"/a\"\n[[folder]]\nid = \"b\"\npath = /b\n"));
    assertEquals("folder[1].path", f.problems().get(0).key(), f.getMessage());
    assertEquals("", ConfigLoader.keyOnLine("[sync\n", 1), "a line that assigns no key names none");
  }

  @Test
  void dottedKeysAndInlineTablesAreTheSameConfig() throws Exception {
    FerryConfig c = parse("triggers.watch.debounce = \"1s\"\nui = { port = 9000 }\n");
    assertEquals(Duration.ofSeconds(1), c.triggers().watch().debounce());
    assertEquals(9000, c.ui().port());
  }

  @Test
  void sizeMayBeAPlainInteger() throws Exception {
    assertEquals(4096, parse("[performance]\ncompress_over = 4096\n").performance().compressOverBytes());
    assertEquals(2.0, parse("[retry]\nmultiplier = 2\n").retry().multiplier());
  }
}
