package dev.ferry.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.TestFolders;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.engine.SyncRequest;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubHttpClients;
import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.RpcServer;
import dev.ferry.ipc.methods.ConflictsParams;
import dev.ferry.ipc.methods.ConflictsResult;
import dev.ferry.ipc.methods.DeviceRevokeParams;
import dev.ferry.ipc.methods.DeviceRevokeResult;
import dev.ferry.ipc.methods.DevicesParams;
import dev.ferry.ipc.methods.DevicesResult;
import dev.ferry.ipc.methods.FolderStats;
import dev.ferry.ipc.methods.HistoryParams;
import dev.ferry.ipc.methods.HistoryResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.PauseParams;
import dev.ferry.ipc.methods.PauseResult;
import dev.ferry.ipc.methods.QueueListParams;
import dev.ferry.ipc.methods.QueueItem;
import dev.ferry.ipc.methods.QueueRetryParams;
import dev.ferry.ipc.methods.QueueRetryResult;
import dev.ferry.ipc.methods.QueueDropParams;
import dev.ferry.ipc.methods.QueueDropResult;
import dev.ferry.ipc.methods.StatusParams;
import dev.ferry.ipc.methods.StatusResult;
import dev.ferry.daemon.queue.LocalChange;
import dev.ferry.daemon.queue.Outbox;
import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.daemon.queue.Queues;
import dev.ferry.daemon.queue.RetryPolicy;
import dev.ferry.daemon.queue.RetrySchedule;
import dev.ferry.ipc.methods.QueueListResult;
import dev.ferry.ipc.methods.StatsParams;
import dev.ferry.ipc.methods.StatsResult;
import dev.ferry.protocol.DeviceInfo;
import dev.ferry.protocol.DeviceList;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control methods over a real Unix socket, with real handlers on a real state.db and a
 * scripted hub on a loopback port: each method's answer and its refusals.
 */
class ControlSocketTest {
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  static final String SELF = "dev_self_0001";
  static final String OTHER = "dev_other_0002";

  Path dir;
  StateDb db;
  RunHistory history;
  FerryConfig config;
  MockWebServer hub;
  final dev.ferry.daemon.trigger.ExecutorTaskScheduler timers = new dev.ferry.daemon.trigger.ExecutorTaskScheduler("test-timers");
  Folders folders;
  PausedFolders paused;
  RpcServer server;
  RpcClient client;
  final List<String> runsStarted = new CopyOnWriteArrayList<>();
  Queues queues;
  RetrySchedule retries;

  @BeforeEach
  void start() throws Exception {
    dir = Files.createTempDirectory(Path.of("/tmp"), "ctl");
    db = StateDb.open(dir.resolve("state.db"));
    history = new RunHistory(db);
    FerryConfig d = FerryConfig.defaults();
    config = new FerryConfig("http://hub", "laptop", d.sync(), d.triggers(), d.performance(), d.retry(), d.offline(), d.ui(),
        List.of(new FolderConfig("docs", dir.resolve("docs"), null, null), new FolderConfig("notes", dir.resolve("notes"), null, null)),
        null);
    hub = new MockWebServer();
    hub.start();
    DeviceCredentials self = new DeviceCredentials(hub.url("/").toString(), "alice", SELF, "laptop", "tok_secret_0123456789");
    HubClient hubClient = new HubClient(URI.create(self.server()), self.token(), HubHttpClients.create());
    paused = new PausedFolders(db);
    // Runners whose runs only record that they started: no hub behind them.
    folders = new Folders(config, f -> TestFolders.runnerOnly(() -> {
      FolderRunner r = new FolderRunner(f.id(), f.path(), (request, onState) -> {
        runsStarted.add(f.id());
        throw new IllegalStateException("no sync engine in this test");
      }, report -> {}, java.time.Clock.systemUTC(), timers, () -> java.time.Duration.ZERO,
          new dev.ferry.daemon.events.EventBus(), null);
      r.holdWhile(() -> paused.isPaused(f.id()));
      return r;
    }), history, paused, dev.ferry.config.FerryLocations.fromEnvironment(dir.resolve("home")));
    queues = new Queues(db);
    dev.ferry.daemon.testing.FakeClock clock = new dev.ferry.daemon.testing.FakeClock(T0);
    retries = new RetrySchedule(clock, new dev.ferry.daemon.testing.FakeScheduler(clock));
    Map<String, RpcHandler> handlers = Map.ofEntries(
        Map.entry(Methods.QUEUE_RETRY, new QueueRetryHandler(queues, folders)),
        Map.entry(Methods.QUEUE_DROP, new QueueDropHandler(queues)),
        Map.entry(Methods.STATUS, new StatusHandler(folders, self, history, paused, queues, retries,
            new dev.ferry.daemon.account.SecretStore(dir.resolve("home/secrets")))),
        Map.entry(Methods.HISTORY_LIST, new HistoryHandler(folders, history)),
        Map.entry(Methods.STATS, new StatsHandler(folders, db)),
        Map.entry(Methods.CONFLICTS_LIST, new ConflictsListHandler(folders, db)),
        Map.entry(Methods.QUEUE_LIST, new QueueListHandler(folders, queues)),
        Map.entry(Methods.PAUSE, new PauseHandler(folders, paused)),
        Map.entry(Methods.RESUME, new ResumeHandler(paused, folders)),
        Map.entry(Methods.DEVICES_LIST, new DevicesHandler(hubClient, new dev.ferry.daemon.remote.DeviceNames(hubClient, self))),
        Map.entry(Methods.DEVICES_REVOKE, new DeviceRevokeHandler(hubClient, self)));
    server = new RpcServer(dir.resolve("run/control.sock"), handlers);
    server.start();
    client = RpcClient.connect(server.socketPath());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
    queues.close();
    folders.close();
    timers.close();
    hub.shutdown();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  void run(String folder, int minute, long durationMs, String result, int up, int down, int conflicts, long bytesUp,
      long bytesDown, ErrorCategory category) throws Exception {
    history.record(new RunReport(folder, "manual", "both", T0.plusSeconds(60L * minute), durationMs, result, up, down, 0,
        conflicts, bytesUp, bytesDown, 0, List.of(), category == null ? null : "boom", category));
  }

  void conflict(String folder, String path, String copy, long at, long rev) throws Exception {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO conflicts(folder, path, copy_path, created_at, remote_rev) VALUES (?,?,?,?,?)")) {
      ps.setString(1, folder);
      ps.setString(2, path);
      ps.setString(3, copy);
      ps.setLong(4, at);
      ps.setLong(5, rev);
      ps.executeUpdate();
    }
  }

  RpcException refused(String method, Object params, int code) {
    RpcException e = assertThrows(RpcException.class, () -> client.call(method, params, Object.class));
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  @Test
  void historyListsNewestFirstAndRefusesUnknownFoldersAndBadLimits() throws Exception {
    run("docs", 1, 100, "ok", 2, 0, 0, 2048, 0, null);
    run("notes", 2, 50, "ok", 0, 1, 0, 0, 512, null);
    run("docs", 3, 900, "failed", 0, 0, 0, 0, 0, ErrorCategory.NETWORK);
    HistoryResult docs = client.call(Methods.HISTORY_LIST, new HistoryParams("docs", 0), HistoryResult.class);
    assertEquals(2, docs.runs().size());
    var newest = docs.runs().get(0);
    assertEquals("failed", newest.result());
    assertEquals("network", newest.errorCategory());
    assertEquals(T0.plusSeconds(180), newest.startedAt());
    assertEquals(2048, docs.runs().get(1).bytesUp());
    HistoryResult all = client.call(Methods.HISTORY_LIST, new HistoryParams(null, 2), HistoryResult.class);
    assertEquals(List.of("docs", "notes"), all.runs().stream().map(r -> r.folder()).toList());

    RpcException e = refused(Methods.HISTORY_LIST, new HistoryParams("nope", 0), RpcErrors.NOT_FOUND);
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    refused(Methods.HISTORY_LIST, new HistoryParams(null, -1), RpcErrors.INVALID_PARAMS);
    refused(Methods.HISTORY_LIST, new HistoryParams(null, HistoryParams.MAX_LIMIT + 1), RpcErrors.INVALID_PARAMS);
    refused(Methods.HISTORY_LIST, Map.of("folder", "docs", "color", "red"), RpcErrors.INVALID_PARAMS);
    RpcException typed = refused(Methods.HISTORY_LIST, Map.of("folder", 123), RpcErrors.INVALID_PARAMS);
    assertTrue(typed.getMessage().contains("expected a string"), "a number is not a folder name: " + typed.getMessage());
  }

  @Test
  void statsCountRunsByResultPercentilesBytesConflictsAndErrors() throws Exception {
    for (int i = 1; i <= 100; i++) run("docs", i, i * 10L, i % 10 == 0 ? "failed" : "ok", 1, 2, 0, 100, 200,
        i % 10 == 0 ? (i % 20 == 0 ? ErrorCategory.NETWORK : ErrorCategory.AUTH) : null);
    run("notes", 200, 5, "attention", 0, 0, 2, 0, 0, null);
    conflict("notes", "a.txt", "a (conflict).txt", 1, 3);

    StatsResult s = client.call(Methods.STATS, new StatsParams(null), StatsResult.class);
    FolderStats docs = s.folders().get(0);
    assertEquals("docs", docs.folder());
    assertEquals(100, docs.runs());
    assertEquals(Map.of("ok", 90L, "failed", 10L), docs.runsByResult());
    assertEquals(500, docs.durationMs().p50());
    assertEquals(950, docs.durationMs().p95());
    assertEquals(990, docs.durationMs().p99());
    assertEquals(1000, docs.durationMs().max());
    assertEquals(10_000, docs.bytesUp());
    assertEquals(200, docs.downloaded());
    assertEquals(Map.of("network", 5L, "auth", 5L), docs.errorsByCategory());
    FolderStats notes = s.folders().get(1);
    assertEquals(2, notes.conflicts());
    assertEquals(1, notes.openConflicts());
    assertNull(s.total().folder());
    assertEquals(101, s.total().runs());
    assertEquals(Map.of("ok", 90L, "failed", 10L, "attention", 1L), s.total().runsByResult());

    StatsResult one = client.call(Methods.STATS, new StatsParams("notes"), StatsResult.class);
    assertEquals(1, one.folders().size());
    assertEquals(1, one.total().runs());
    refused(Methods.STATS, new StatsParams("nope"), RpcErrors.NOT_FOUND);
  }

  @Test
  void conflictsComeFromStateDbOldestFirst() throws Exception {
    conflict("docs", "b.json", "b (conflict laptop).json", 2_000, 7);
    conflict("docs", "a.md", "a (conflict laptop).md", 1_000, 4);
    conflict("notes", "n.txt", "n (conflict).txt", 500, 1);
    ConflictsResult docs = client.call(Methods.CONFLICTS_LIST, new ConflictsParams("docs"), ConflictsResult.class);
    assertEquals(List.of("a.md", "b.json"), docs.conflicts().stream().map(c -> c.path()).toList());
    assertEquals("a (conflict laptop).md", docs.conflicts().get(0).copyPath());
    assertEquals(Instant.ofEpochMilli(1_000), docs.conflicts().get(0).createdAt());
    assertEquals(4, docs.conflicts().get(0).remoteRev());
    assertEquals(3, client.call(Methods.CONFLICTS_LIST, new ConflictsParams(null), ConflictsResult.class).conflicts().size());
    refused(Methods.CONFLICTS_LIST, new ConflictsParams("nope"), RpcErrors.NOT_FOUND);
  }

  @Test
  void queueHasNothingWaitingAndChecksTheFolder() throws Exception {
    QueueListResult q = client.call(Methods.QUEUE_LIST, new QueueListParams(null), QueueListResult.class);
    assertEquals(List.of(), q.pending());
    assertEquals(List.of(), q.failed());
    assertEquals(Map.of("pending", List.of(), "failed", List.of()),
        client.call(Methods.QUEUE_LIST, new QueueListParams("docs"), Map.class), "the wire shape scripts rely on");
    refused(Methods.QUEUE_LIST, new QueueListParams("nope"), RpcErrors.NOT_FOUND);
  }

  @Test
  void queueListsRetriesAndDropsItemsAndStatusCountsThem() throws Exception {
    Outbox docs = new Outbox(db, "docs", java.time.Clock.systemUTC(),
        RetryPolicy.of(config.retry(), config.offline()), () -> 0.5);
    docs.record(List.of(new LocalChange("a.txt", "upload", 0, "FILE:aa"), new LocalChange("b.txt", "upload", 3, "FILE:bb"),
        new LocalChange("gone.txt", "delete", 2, "absent")));
    docs.prepared("a.txt", "upload", 0, "FILE:aa", "key-a", "{\"entryId\":\"e\"}", "{}");
    docs.attemptFailed("b.txt", ErrorCategory.INVALID_DATA, "hub refused the write (400 invalid_field)", null);
    docs.downloadFailed("c.txt", "download", 7, ErrorCategory.PERMISSION, "permission denied: c.txt");

    QueueListResult q = client.call(Methods.QUEUE_LIST, new QueueListParams("docs"), QueueListResult.class);
    assertEquals(List.of("a.txt", "gone.txt"), q.pending().stream().map(QueueItem::path).toList());
    assertEquals(List.of("b.txt", "c.txt"), q.failed().stream().map(QueueItem::path).toList());
    QueueItem c = q.failed().get(1);
    assertEquals("permission", c.errorCategory());
    assertEquals("download", c.operation());
    var view = client.call(Methods.STATUS, new StatusParams(), StatusResult.class).folders().get(0);
    assertEquals(2, view.pending());
    assertEquals(2, view.failed());
    FolderStats counted = client.call(Methods.STATS, new StatsParams("docs"), StatsResult.class).total();
    assertEquals(2, counted.queuePending(), "stats counts the queue as status does");
    assertEquals(2, counted.queueFailed());

    // retry one: back to pending with attempts from zero; a sync of the folder is asked for
    QueueRetryResult r = client.call(Methods.QUEUE_RETRY, new QueueRetryParams(q.failed().get(0).id(), false, null),
        QueueRetryResult.class);
    assertEquals(List.of("b.txt"), r.retried().stream().map(QueueItem::path).toList());
    assertEquals(List.of("docs"), r.folders());
    assertEquals(0, docs.uploads().get("b.txt").attempts());
    assertEquals(QueueEntry.Status.PENDING, docs.uploads().get("b.txt").status());
    // drop the download: hidden, and the local file is none of its business
    client.call(Methods.QUEUE_DROP, new QueueDropParams(c.id()), QueueDropResult.class);
    assertEquals(QueueEntry.Status.DROPPED, docs.downloads().get("c.txt").status());
    assertEquals(List.of(), client.call(Methods.QUEUE_LIST, new QueueListParams(null), QueueListResult.class).failed());
    refused(Methods.QUEUE_DROP, new QueueDropParams(c.id()), RpcErrors.NOT_FOUND);
    refused(Methods.QUEUE_RETRY, new QueueRetryParams("x1", false, null), RpcErrors.INVALID_PARAMS);
    refused(Methods.QUEUE_RETRY, new QueueRetryParams(null, false, null), RpcErrors.INVALID_PARAMS);
    refused(Methods.QUEUE_RETRY, new QueueRetryParams(null, true, "nope"), RpcErrors.NOT_FOUND);
    assertEquals(List.of(), client.call(Methods.QUEUE_RETRY, new QueueRetryParams(null, true, null),
        QueueRetryResult.class).retried());
    docs.close();
  }

  @Test
  void aRemovedFolderLeavesStatusAndForgetsItsPauseAndComesBackWhenAdded() throws Exception {
    client.call(Methods.PAUSE, new PauseParams("notes"), PauseResult.class);
    FolderConfig notes = folders.configs().get("notes");
    folders.remove("notes");
    assertEquals(List.of("docs"), client.call(Methods.STATUS, new StatusParams(), StatusResult.class).folders().stream()
        .map(f -> f.id()).toList());
    assertTrue(folders.runner("notes").isEmpty());
    assertFalse(paused.isPaused("notes"), "a folder added again later starts unpaused");
    folders.add(notes);
    assertTrue(folders.runner("notes").isPresent());
    assertEquals(List.of("docs", "notes"), client.call(Methods.STATUS, new StatusParams(), StatusResult.class).folders().stream()
        .map(f -> f.id()).toList());
  }

  @Test
  void everyFolderMethodSeesTheFoldersAsTheyAreNotAsTheDaemonStarted() throws Exception {
    // A reload (ferry folder add|remove, SIGHUP) changes the folder list while the daemon runs.
    folders.add(new FolderConfig("music", dir.resolve("music"), null, null));
    folders.remove("notes");
    assertEquals(List.of(), client.call(Methods.QUEUE_LIST, new QueueListParams("music"), QueueListResult.class).pending());
    client.call(Methods.HISTORY_LIST, new HistoryParams("music", 0), Map.class);
    client.call(Methods.STATS, new StatsParams("music"), Map.class);
    client.call(Methods.CONFLICTS_LIST, new ConflictsParams("music"), Map.class);
    client.call(Methods.PAUSE, new PauseParams("music"), PauseResult.class);
    assertTrue(paused.isPaused("music"));
    client.call(Methods.RESUME, new PauseParams("music"), Map.class);
    assertFalse(paused.isPaused("music"));
    for (var call : List.<Object[]>of(new Object[] {Methods.QUEUE_LIST, new QueueListParams("notes")},
        new Object[] {Methods.HISTORY_LIST, new HistoryParams("notes", 0)}, new Object[] {Methods.STATS, new StatsParams("notes")},
        new Object[] {Methods.CONFLICTS_LIST, new ConflictsParams("notes")}, new Object[] {Methods.PAUSE, new PauseParams("notes")},
        new Object[] {Methods.RESUME, new PauseParams("notes")},
        new Object[] {Methods.QUEUE_RETRY, new QueueRetryParams(null, true, "notes")})) {
      refused((String) call[0], call[1], RpcErrors.NOT_FOUND);
    }
    // Every folder, when none is named: the ones there are now.
    client.call(Methods.PAUSE, new PauseParams(null), PauseResult.class);
    assertTrue(paused.isPaused("docs") && paused.isPaused("music"));
    assertFalse(paused.isPaused("notes"));
  }

  @Test
  void pauseStopsRunsShowsInStatusOutlivesARestartAndResumeCatchesUp() throws Exception {
    PauseResult p = client.call(Methods.PAUSE, new PauseParams("docs"), PauseResult.class);
    assertEquals(List.of("docs"), p.folders());
    assertTrue(p.paused());
    StatusResult s = client.call(Methods.STATUS, new StatusParams(), StatusResult.class);
    assertTrue(s.folders().get(0).paused());
    assertFalse(s.folders().get(1).paused());

    FolderRunner docs = folders.runner("docs").orElseThrow();
    RunReport skipped = docs.request(new SyncRequest(SyncDirection.BOTH, false, false, "periodic")).get(5, TimeUnit.SECONDS);
    assertEquals("skipped", skipped.result());
    assertEquals(List.of(), runsStarted, "a paused folder starts no run");
    assertTrue(new PausedFolders(db).isPaused("docs"), "the pause is in state.db");
    // Pausing again is not an error.
    assertTrue(client.call(Methods.PAUSE, new PauseParams("docs"), PauseResult.class).paused());

    PauseResult r = client.call(Methods.RESUME, new PauseParams(null), PauseResult.class);
    assertEquals(List.of("docs", "notes"), r.folders());
    assertFalse(r.paused());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (runsStarted.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
    assertEquals(List.of("docs"), runsStarted, "resume starts one catch-up run for the folder that was paused");
    assertFalse(new PausedFolders(db).isPaused("docs"));
    refused(Methods.PAUSE, new PauseParams("nope"), RpcErrors.NOT_FOUND);
    refused(Methods.RESUME, new PauseParams("nope"), RpcErrors.NOT_FOUND);
  }

  @Test
  void devicesComeFromTheHubAndRevokeAsksItToo() throws Exception {
    DeviceList list = new DeviceList(List.of(new DeviceInfo(SELF, "laptop", T0, T0.plusSeconds(5), true),
        new DeviceInfo(OTHER, "phone", T0, null, false)));
    hub.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(Json.write(DeviceList.class, list)));
    DevicesResult d = client.call(Methods.DEVICES_LIST, new DevicesParams(), DevicesResult.class);
    assertEquals(list.devices(), d.devices());
    RecordedRequest get = hub.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("GET /v1/devices", get.getMethod() + " " + get.getPath());

    hub.enqueue(new MockResponse().setResponseCode(204));
    DeviceRevokeResult rr = client.call(Methods.DEVICES_REVOKE, new DeviceRevokeParams(OTHER), DeviceRevokeResult.class);
    assertTrue(rr.revoked());
    RecordedRequest del = hub.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("DELETE /v1/devices/" + OTHER, del.getMethod() + " " + del.getPath());
  }

  @Test
  void revokeRefusesItselfBadIdsAndUnknownDevicesAndAuthFailuresAreAuthErrors() throws Exception {
    refused(Methods.DEVICES_REVOKE, new DeviceRevokeParams(SELF), RpcErrors.INVALID_STATE);
    refused(Methods.DEVICES_REVOKE, new DeviceRevokeParams("../x"), RpcErrors.INVALID_PARAMS);
    refused(Methods.DEVICES_REVOKE, new DeviceRevokeParams(null), RpcErrors.INVALID_PARAMS);
    assertEquals(0, hub.getRequestCount(), "nothing malformed reaches the hub");
    hub.enqueue(problem(Problem.of(ProblemCode.NOT_FOUND, "no such device")));
    refused(Methods.DEVICES_REVOKE, new DeviceRevokeParams("dev_gone_0003"), RpcErrors.NOT_FOUND);
    hub.enqueue(problem(Problem.of(ProblemCode.UNAUTHORIZED, "token revoked")));
    RpcException e = refused(Methods.DEVICES_LIST, new DevicesParams(), RpcErrors.AUTH_ERROR);
    assertEquals(5, RpcErrors.exitCode(e.code()));
  }

  static MockResponse problem(Problem p) {
    return new MockResponse().setResponseCode(p.status()).setHeader("Content-Type", Problem.MEDIA_TYPE)
        .setBody(Json.write(Problem.class, p));
  }
}
