package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  /**
   * Every control method, those that take no params too, refuses a field it does not know before
   * doing anything: {@code shutdown} with {@code {"dryRun":true}} used to stop the daemon, and
   * {@code status} and {@code config.reload} ignored what they were sent.
   */
  @Test
  void everyMethodRefusesAnUnknownParamAndDoesNothing() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-strict");
    try (TestHub hub = TestHub.start(); TestDevice a = TestDevice.create(base, "a").manualOnly()) {
      a.init(hub.url().toString(), "strict", hub.invite());
      a.addFolder("docs");
      a.startDaemon();
      try (RpcClient c = RpcClient.connect(a.locations().socketPath())) {
        for (String method : Methods.ALL) {
          RpcException e = assertThrows(RpcException.class, () -> c.call(method, Map.of("dryRun", true), Object.class),
              method + " accepted an unknown param");
          assertEquals(RpcErrors.INVALID_PARAMS, e.code(), method + ": " + e.getMessage());
          assertEquals("invalid params for " + method + ": unknown field 'dryRun'", e.getMessage());
        }
      }
      a.ferry("status").expect(0); // the refused shutdown stopped nothing
    } finally {
      Trees.deleteRecursively(base);
    }
  }

  /**
   * A control socket deleted while the daemon runs used to orphan it: clients found "no daemon"
   * while it held the home, until someone killed it. It notices by itself and serves the socket
   * again (its periodic check, here: nothing else happens), and logs that it did.
   */
  @Test
  void aDeletedControlSocketIsServedAgainByTheDaemonItself() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-sock");
    try (TestHub hub = TestHub.start(); TestDevice a = TestDevice.create(base, "a").manualOnly()) {
      a.init(hub.url().toString(), "sock", hub.invite());
      a.startDaemon();
      Files.delete(a.locations().socketPath());
      a.ferry("status").expect(ExitCodes.NO_DAEMON);

      awaitStatusOk(a);
      assertTrue(Files.readString(a.locations().logsDir().resolve("daemon.log"))
          .contains("was deleted; listening on it again (noticed by the periodic check)"));
    } finally {
      Trees.deleteRecursively(base);
    }
  }

  /**
   * SIGHUP (the config reload signal, what a person tries first) serves a deleted socket again at
   * once. A daemon process of its own, so that the signal is real and reaches only it. Should the
   * periodic check happen to come first, the round is repeated: the log says which one did it.
   */
  @Test
  void sighupServesADeletedControlSocketAgain() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-hup");
    try (TestHub hub = TestHub.start(); TestDevice a = TestDevice.create(base, "a").manualOnly()) {
      a.init(hub.url().toString(), "hup", hub.invite());
      Process p = CrashEndToEndTest.daemonProcess(a, base.resolve("daemon.out"));
      try {
        CrashEndToEndTest.awaitSocket(a, p);
        Path log = a.locations().logsDir().resolve("daemon.log");
        boolean byHangup = false;
        for (int round = 0; round < 3 && !byHangup; round++) {
          long before = Files.size(log);
          Files.delete(a.locations().socketPath());
          Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
          assertEquals(0, kill.waitFor());
          awaitStatusOk(a);
          String added = Files.readString(log).substring((int) before);
          byHangup = added.contains("was deleted; listening on it again (on SIGHUP)");
          assertTrue(byHangup || added.contains("(noticed by the periodic check)"), added);
        }
        assertTrue(byHangup, "SIGHUP never served the socket again");
        assertTrue(p.isAlive());
      } finally {
        p.destroy(); // SIGTERM: stops it cleanly
        p.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      Trees.deleteRecursively(base);
    }
  }

  private static void awaitStatusOk(TestDevice d) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    TestDevice.Result r;
    while ((r = d.ferry("status")).code() != ExitCodes.OK) {
      assertTrue(System.nanoTime() < end, "ferry status never worked again: " + r.err());
      Thread.sleep(100);
    }
  }
}
