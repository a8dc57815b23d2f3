package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.FerryLocations;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.RpcServer;
import dev.ferry.ipc.methods.FolderSyncResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.SyncParams;
import dev.ferry.ipc.methods.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry run} against a real control socket answered by a scripted sync handler (the
 * daemon's sync itself is tested in the daemon module), running real commands.
 */
class RunCommandTest {
  @TempDir Path home;
  private RpcServer server;
  private final List<SyncParams> asked = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) server.close();
  }

  private void daemonAnswering(String result) throws Exception {
    RpcHandler sync = call -> {
      SyncParams p = call.params(SyncParams.class);
      asked.add(p);
      if (result == null) { // a sync that does not finish in time
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new SyncResult(List.of(new FolderSyncResult("notes", result, p.triggerOrDefault(), "both", 0, 0, 0, 0, 0, 0, 1,
          "failed".equals(result) ? "hub unreachable" : null, "failed".equals(result) ? "network" : null, List.of())));
    };
    server = new RpcServer(FerryLocations.fromEnvironment(home).socketPath(), Map.of(Methods.SYNC, sync));
    server.start();
  }

  private CliRun.Result ferryRun(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "run";
    all[1] = "--home";
    all[2] = home.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.run(all);
  }

  private String touch(String name) {
    return "touch '" + home.resolve(name) + "'";
  }

  @Test
  void syncsAsPreOperationThenPassesTheCommandsExitCodeThrough() throws Exception {
    daemonAnswering("ok");
    CliRun.Result r = ferryRun("--", "sh", "-c", touch("ran") + "; exit 7");
    assertEquals(7, r.exit(), r.err());
    assertTrue(Files.exists(home.resolve("ran")));
    assertEquals(1, asked.size());
    assertEquals(SyncParams.PRE_OPERATION, asked.get(0).trigger());
    assertEquals(null, asked.get(0).folder(), "every folder");
    assertEquals("", r.out(), "ferry itself writes nothing to stdout");
    assertEquals(0, ferryRun("--", "true").exit());
  }

  @Test
  void attentionIsNotAFailure() throws Exception {
    daemonAnswering("attention");
    assertEquals(0, ferryRun("--", "sh", "-c", "exit 0").exit());
  }

  @Test
  void aPausedFolderRunsTheCommandWithAWarning() throws Exception {
    daemonAnswering("skipped");
    CliRun.Result r = ferryRun("--", "sh", "-c", touch("ran"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.exists(home.resolve("ran")));
    assertTrue(r.err().contains("warning: notes is paused, not synced") && r.err().contains("ferry resume notes"), r.err());
  }

  @Test
  void noDaemonExitsThreeAndDoesNotRunTheCommand() {
    CliRun.Result r = ferryRun("--", "sh", "-c", touch("ran"));
    assertEquals(ExitCodes.NO_DAEMON, r.exit());
    assertFalse(Files.exists(home.resolve("ran")));
    assertTrue(r.err().contains("no daemon is running"), r.err());
  }

  @Test
  void withJsonAFailureBeforeTheCommandRunsIsOneErrorDocument() throws Exception {
    CliRun.Result none = ferryRun("--json", "--", "sh", "-c", touch("ran"));
    assertEquals(ExitCodes.NO_DAEMON, none.exit());
    Map<?, ?> doc = dev.ferry.protocol.Json.read(Map.class, none.out());
    assertEquals(false, doc.get("ok"));
    assertEquals(3, ((Number) doc.get("exitCode")).intValue());
    assertTrue(doc.get("error").toString().contains("no daemon is running"), none.out());
    assertTrue(none.err().contains("no daemon is running"), "the message goes to stderr as well");
    CliRun.Result usage = ferryRun("--json", "--timeout", "0s", "--", "true");
    assertEquals(ExitCodes.USAGE, ((Number) dev.ferry.protocol.Json.read(Map.class, usage.out()).get("exitCode")).intValue());

    daemonAnswering("failed");
    CliRun.Result failed = ferryRun("--json", "--", "sh", "-c", touch("ran"));
    assertEquals(ExitCodes.FAILED, failed.exit());
    assertTrue(dev.ferry.protocol.Json.read(Map.class, failed.out()).get("error").toString().contains("notes (hub unreachable)"));
    assertFalse(Files.exists(home.resolve("ran")));
    CliRun.Result stale = ferryRun("--json", "--allow-stale", "--", "sh", "-c", touch("ran"));
    assertEquals(0, stale.exit(), stale.err());
    assertEquals("", stale.out(), "once CMD runs, stdout is CMD's alone");
  }

  @Test
  void noDaemonWithAllowStaleRunsTheCommandWithAWarning() {
    CliRun.Result r = ferryRun("--allow-stale", "--", "sh", "-c", touch("ran") + "; exit 3");
    assertEquals(3, r.exit(), "the command's own exit code");
    assertTrue(Files.exists(home.resolve("ran")));
    assertTrue(r.err().contains("warning") && r.err().contains("stale"), r.err());
  }

  @Test
  void aFailedSyncStopsTheCommandUnlessStaleIsAllowed() throws Exception {
    daemonAnswering("failed");
    CliRun.Result r = ferryRun("--", "sh", "-c", touch("ran"));
    assertEquals(ExitCodes.FAILED, r.exit());
    assertFalse(Files.exists(home.resolve("ran")));
    assertTrue(r.err().contains("notes (hub unreachable)"), r.err());

    r = ferryRun("--allow-stale", "--", "sh", "-c", touch("ran"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.exists(home.resolve("ran")));
  }

  @Test
  void aSyncPastTheTimeoutCountsAsFailed() throws Exception {
    daemonAnswering(null);
    CliRun.Result r = ferryRun("--timeout", "300ms", "--", "sh", "-c", touch("ran"));
    assertEquals(ExitCodes.FAILED, r.exit());
    assertTrue(r.err().contains("did not finish within"), r.err());
    assertFalse(Files.exists(home.resolve("ran")));
  }

  @Test
  void aMissingCommandAndBadOptionsAreReported() throws Exception {
    daemonAnswering("ok");
    CliRun.Result r = ferryRun("--", home.resolve("no-such-program").toString());
    assertEquals(RunCommand.NOT_FOUND, r.exit());
    assertTrue(r.err().contains("cannot run " + home.resolve("no-such-program") + ": command not found"), r.err());
    Path notExecutable = Files.writeString(home.resolve("notes.txt"), "not a program\n");
    r = ferryRun("--", notExecutable.toString());
    assertEquals(RunCommand.CANNOT_EXECUTE, r.exit(), "as a shell answers for a file it may not execute");
    assertTrue(r.err().contains("cannot run " + notExecutable + ": permission denied"), r.err());
    assertFalse(r.err().contains("Cannot run program"), "the JDK's own wording is not repeated: " + r.err());
    assertEquals(ExitCodes.USAGE, ferryRun("--timeout", "soon", "--", "true").exit());
    assertEquals(ExitCodes.USAGE, ferryRun().exit(), "CMD is required");
  }
}
