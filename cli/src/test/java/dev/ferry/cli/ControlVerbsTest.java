package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.control.ConflictsListHandler;
import dev.ferry.daemon.control.HistoryHandler;
import dev.ferry.daemon.control.PauseHandler;
import dev.ferry.daemon.control.PausedFolders;
import dev.ferry.daemon.control.QueueListHandler;
import dev.ferry.daemon.control.StatsHandler;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.RpcServer;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.protocol.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs against a control socket served by the daemon's real handlers on a real state.db
 * (no hub needed), and without any daemon: exit codes and JSON shapes.
 */
class ControlVerbsTest {
  @TempDir Path home;
  RpcServer server;
  Folders folders;

  @AfterEach
  void stop() {
    if (server != null) server.close();
    if (folders != null) folders.close();
  }

  void serve() throws Exception {
    // A daemon run in this JVM by an earlier test leaves logging on stdout, and the handlers here
    // log: their lines would land in the captured output this test parses as JSON.
    ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).reset();
    FerryLocations loc = FerryLocations.fromEnvironment(home);
    StateDb db = StateDb.open(loc.stateDb());
    RunHistory history = new RunHistory(db);
    FerryConfig d = FerryConfig.defaults();
    FerryConfig config = new FerryConfig(null, null, d.sync(), d.triggers(), d.performance(), d.retry(), d.offline(), d.ui(),
        List.of(new FolderConfig("docs", home.resolve("docs"), null, null)), null);
    history.record(new RunReport("docs", "manual", "both", Instant.parse("2025-03-01T12:00:00Z"), 120, "ok", 2, 1, 0, 0,
        2048, 10, 0, List.of(), null, null));
    PausedFolders paused = new PausedFolders(db);
    // The verbs' output is the test, not the runs: the folder is configured, its graph not built.
    folders = new Folders(config, f -> {
      throw new IllegalStateException("no folder graphs in this test");
    }, history, paused, loc);
    Map<String, RpcHandler> handlers = Map.of(
        Methods.HISTORY_LIST, new HistoryHandler(folders, history),
        Methods.STATS, new StatsHandler(folders, db),
        Methods.CONFLICTS_LIST, new ConflictsListHandler(folders, db),
        Methods.QUEUE_LIST, new QueueListHandler(folders, new dev.ferry.daemon.queue.Queues(db)),
        Methods.PAUSE, new PauseHandler(folders, paused));
    server = new RpcServer(loc.socketPath(), handlers);
    server.start();
  }

  CliRun.Result ferry(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--home";
    all[args.length + 1] = home.toString();
    return CliRun.run(all);
  }

  @Test
  void withoutADaemonEveryVerbExits3WithTheHint() {
    for (String verb : List.of("status", "history", "stats", "devices", "queue", "conflicts", "pause", "resume")) {
      CliRun.Result r = ferry(verb, "--json");
      assertEquals(ExitCodes.NO_DAEMON, r.exit(), verb + ": " + r.err());
      assertEquals("ferry: " + Failures.NO_DAEMON_HINT + "\n", r.err(), verb);
      assertEquals(Map.of("ok", false, "exitCode", 3.0, "error", Failures.NO_DAEMON_HINT), Json.read(Map.class, r.out()),
          verb + " prints its one document, the error");
    }
  }

  @Test
  void historyStatsQueueAndConflictsAnswerInJson() throws Exception {
    serve();
    CliRun.Result h = ferry("history", "--json");
    assertEquals(ExitCodes.OK, h.exit(), h.err());
    Map<?, ?> history = Json.readLenient(Map.class, h.out());
    Map<?, ?> run = (Map<?, ?>) ((List<?>) history.get("runs")).get(0);
    assertEquals("docs", run.get("folder"));
    assertEquals(2048.0, run.get("bytesUp"));
    assertEquals("2025-03-01T12:00:00Z", run.get("startedAt"));

    CliRun.Result s = ferry("stats", "--json");
    assertEquals(ExitCodes.OK, s.exit(), s.err());
    Map<?, ?> total = (Map<?, ?>) Json.readLenient(Map.class, s.out()).get("total");
    assertEquals(1.0, total.get("runs"));

    CliRun.Result q = ferry("queue", "--json");
    assertEquals(ExitCodes.OK, q.exit(), q.err());
    assertEquals(Map.of("pending", List.of(), "failed", List.of()), Json.readLenient(Map.class, q.out()));

    CliRun.Result none = ferry("conflicts", "--json");
    assertEquals(ExitCodes.OK, none.exit(), none.err());
    try (Connection c = StateDb.open(FerryLocations.fromEnvironment(home).stateDb()).connect();
        PreparedStatement ps = c.prepareStatement("INSERT INTO conflicts(folder, path, copy_path, created_at, remote_rev) VALUES ('docs', 'a.md', 'a (conflict).md', 0, 3)")) {
      ps.executeUpdate();
    }
    CliRun.Result some = ferry("conflicts", "--json");
    assertEquals(ExitCodes.ATTENTION, some.exit(), "conflicts need attention: " + some.err());
    Map<?, ?> conflict = (Map<?, ?>) ((List<?>) Json.readLenient(Map.class, some.out()).get("conflicts")).get(0);
    assertEquals("a (conflict).md", conflict.get("copyPath"));
    CliRun.Result text = ferry("conflicts");
    assertTrue(text.out().contains("a.md  (other version: a (conflict).md)"), text.out());
  }

  @Test
  void refusalsMapToExitCodes() throws Exception {
    serve();
    CliRun.Result unknown = ferry("history", "nope");
    assertEquals(ExitCodes.FAILED, unknown.exit());
    assertTrue(unknown.err().contains("no folder 'nope' is configured"), unknown.err());
    assertEquals(ExitCodes.USAGE, ferry("history", "--limit", "0").exit());
    CliRun.Result revoke = ferry("devices", "revoke", "dev_other_0002");
    assertEquals(ExitCodes.USAGE, revoke.exit());
    assertTrue(revoke.err().contains("--yes"), revoke.err());
    CliRun.Result pause = ferry("pause", "docs", "--json");
    assertEquals(ExitCodes.OK, pause.exit(), pause.err());
    assertEquals(Map.of("folders", List.of("docs"), "paused", true), Json.readLenient(Map.class, pause.out()));
  }
}
