package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ferry daemon} itself, with a real hub and a real home. */
class DaemonCommandTest {

  /**
   * A second daemon on a home is refused before it does anything: its refusal on stderr and exit
   * 1, and no log line of its own (it used to print "daemon stopping" for a daemon that never
   * started, after setting up every folder).
   */
  @Test
  void aSecondDaemonOnTheSameHomeOnlySaysItIsRefused() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-second");
    try (TestHub hub = TestHub.start(); TestDevice a = TestDevice.create(base, "a").manualOnly()) {
      a.init(hub.url().toString(), "second", hub.invite());
      a.addFolder("docs");
      a.startDaemon();
      Path log = a.locations().logsDir().resolve("daemon.log");
      long end = System.nanoTime() + 20_000_000_000L;
      while (!Files.readString(log).contains("daemon ready")) { // the socket serves a moment before the line
        assertTrue(System.nanoTime() < end, "the first daemon never logged that it is ready");
        Thread.sleep(20);
      }
      long before = Files.size(log);

      TestDevice.Result second = a.ferry("daemon");

      assertEquals(ExitCodes.FAILED, second.code(), second.err());
      assertTrue(second.err().contains("another ferry daemon") && second.err().contains("stop it first"), second.err());
      String added = Files.readString(log).substring((int) before);
      assertEquals("", added, "the refused daemon logged:\n" + added);
      a.sync().expect(0); // the first one still serves
    } finally {
      Trees.deleteRecursively(base);
    }
  }

  /** A state.db that is a directory: the daemon says so, in words, and exits 1. */
  @Test
  void aStateDatabaseThatIsADirectoryIsNamedNotDumpedAsAnException() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-statedir");
    try (TestHub hub = TestHub.start(); TestDevice a = TestDevice.create(base, "a").manualOnly()) {
      a.init(hub.url().toString(), "statedir", hub.invite());
      Path stateDb = a.locations().stateDb();
      Files.deleteIfExists(stateDb);
      Files.createDirectories(stateDb);
      TestDevice.Result r = a.ferry("daemon");
      assertEquals(ExitCodes.FAILED, r.code(), r.err());
      assertEquals("ferry: cannot open state database " + stateDb + ": it is a directory, not a file", r.err().strip());
    } finally {
      Trees.deleteRecursively(base);
    }
  }
}
