package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.logs.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry logs} reads the daemon's log file; no daemon needed. */
class LogsCommandTest {
  @TempDir Path home;

  void writeLog() throws Exception {
    Files.createDirectories(home.resolve("logs"));
    Files.writeString(home.resolve("logs/daemon.log"),
        "{\"ts\":\"2025-03-01T12:00:00Z\",\"level\":\"INFO\",\"logger\":\"a\",\"msg\":\"ready\"}\n"
        + "{\"ts\":\"2025-03-01T12:00:01Z\",\"level\":\"WARN\",\"logger\":\"a\",\"msg\":\"slow\",\"folder\":\"docs\"}\n"
        + "{\"ts\":\"2025-03-01T12:00:02Z\",\"level\":\"ERROR\",\"logger\":\"a\",\"msg\":\"boom\",\"folder\":\"notes\"}\n");
  }

  @Test
  void jsonPrintsTheLinesAsWritten() throws Exception {
    writeLog();
    CliRun.Result r = CliRun.run("logs", "--home", home.toString(), "--json");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    for (String l : lines) {
      LogLine parsed = LogLine.parse(l).orElseThrow();
      assertTrue(parsed.ts() != null && parsed.msg() != null, l);
    }
  }

  @Test
  void levelFolderAndLineCountFilter() throws Exception {
    writeLog();
    CliRun.Result warn = CliRun.run("logs", "--home", home.toString(), "--level", "warn");
    assertEquals(2, warn.out().lines().count(), warn.out());
    assertFalse(warn.out().contains("ready"), warn.out());
    assertFalse(warn.out().contains("\u001b["), "no colours off a terminal");
    CliRun.Result docs = CliRun.run("logs", "--home", home.toString(), "--folder", "docs");
    assertEquals(1, docs.out().lines().count(), docs.out());
    assertTrue(docs.out().contains("WARN  docs slow"), docs.out());
    CliRun.Result last = CliRun.run("logs", "--home", home.toString(), "-n", "1", "--json");
    assertTrue(last.out().contains("\"boom\"") && last.out().lines().count() == 1, last.out());
  }

  @Test
  void badLevelIsAUsageError() throws Exception {
    writeLog();
    CliRun.Result r = CliRun.run("logs", "--home", home.toString(), "--level", "loud");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("unknown log level 'loud'"), r.err());
  }

  @Test
  void noLogYetSaysWhereItWouldBe() {
    CliRun.Result r = CliRun.run("logs", "--home", home.toString());
    assertEquals(ExitCodes.OK, r.exit());
    assertTrue(r.err().contains("no daemon log yet at " + home.resolve("logs/daemon.log")), r.err());
    assertEquals("", r.out());
  }
}
