package dev.ferry.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.daemon.logs.LogFanout;
import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcServer;
import dev.ferry.ipc.methods.EventsParams;
import dev.ferry.ipc.methods.LogsTailParams;
import dev.ferry.ipc.methods.Methods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code events.subscribe} and {@code logs.tail} over a real Unix socket, fed by a real bus and fanout. */
class StreamingControlTest {
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  Path dir;
  EventBus bus = new EventBus();
  LogFanout fanout = new LogFanout();
  RpcServer server;
  StateDb db;
  Folders folders;
  final List<RpcClient> clients = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    dir = Files.createTempDirectory(Path.of("/tmp"), "stream");
    FerryConfig d = FerryConfig.defaults();
    FerryConfig config = new FerryConfig("http://hub", "laptop", d.sync(), d.triggers(), d.performance(), d.retry(),
        d.offline(), d.ui(), List.of(new FolderConfig("docs", dir.resolve("docs"), null, null),
        new FolderConfig("notes", dir.resolve("notes"), null, null)), null);
    db = StateDb.open(dir.resolve("state.db"));
    // Only the folder list matters here: folders whose setup fails are still configured, as in status.
    folders = new Folders(config, f -> {
      throw new IllegalStateException("no folder graphs in this test");
    }, new RunHistory(db), new PausedFolders(db), dev.ferry.config.FerryLocations.fromEnvironment(dir.resolve("home")));
    server = new RpcServer(dir.resolve("run/control.sock"), Map.of(
        Methods.EVENTS_SUBSCRIBE, new EventsSubscribeHandler(bus, folders),
        Methods.LOGS_TAIL, new LogsTailHandler(fanout)));
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(RpcClient::close);
    server.close();
    folders.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /** A subscriber on its own connection and thread, collecting notifications. */
  final class Subscriber {
    final RpcClient client;
    final List<Map<String, Object>> got = new CopyOnWriteArrayList<>();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final Thread thread;

    Subscriber(String method, Object params) throws Exception {
      client = RpcClient.connect(server.socketPath());
      clients.add(client);
      thread = new Thread(() -> {
        try {
          client.stream(method, params, got::add);
        } catch (Exception e) {
          failure.set(e);
        }
      });
      thread.start();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> params(int i) { return (Map<String, Object>) got.get(i).get("params"); }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(5); // polling real I/O with a deadline
    }
  }

  @Test
  void everyKindOfEventArrivesInOrderAndHangingUpUnsubscribes() throws Exception {
    Subscriber s = new Subscriber(Methods.EVENTS_SUBSCRIBE, new EventsParams(null));
    await("the subscription", () -> bus.subscribers() == 1);
    bus.publish(new DaemonEvent.FolderStateChanged("docs", FolderState.IDLE, FolderState.CHECKING, "s-1", "manual", T0));
    bus.publish(new DaemonEvent.Progress("docs", "s-1", 2, 5, 1024, 4096, T0));
    bus.publish(new DaemonEvent.RunFinished("docs", "s-1", new RunReport("docs", "manual", "both", T0, 42, "ok", 3, 1, 1, 0,
        900, 100, 0, List.of(), null, null)));
    bus.publish(new DaemonEvent.RemoteChange("notes", 7, "e1", false, "dev_other", T0));
    await("four events", () -> s.got.size() == 4);

    assertEquals(Methods.EVENT, s.got.get(0).get("method"));
    Map<String, Object> state = s.params(0);
    assertEquals("state", state.get("type"));
    assertEquals("docs", state.get("folder"));
    assertEquals("IDLE", state.get("from"));
    assertEquals("CHECKING", state.get("to"));
    assertEquals("s-1", state.get("syncId"));
    assertEquals("manual", state.get("trigger"));
    Map<String, Object> progress = s.params(1);
    assertEquals("progress", progress.get("type"));
    assertEquals(2.0, progress.get("filesDone"));
    assertEquals(5.0, progress.get("filesTotal"));
    assertEquals(1024.0, progress.get("bytesDone"));
    assertEquals(4096.0, progress.get("bytesTotal"));
    Map<String, Object> run = s.params(2);
    assertEquals("run", run.get("type"));
    assertEquals("ok", run.get("result"));
    assertEquals(3.0, run.get("uploaded"));
    assertEquals(1.0, run.get("downloaded"));
    assertEquals(900.0, run.get("bytesUp"));
    Map<String, Object> remote = s.params(3);
    assertEquals("remote", remote.get("type"));
    assertEquals("notes", remote.get("folder"));
    assertEquals(7.0, remote.get("seq"));

    s.client.close();
    await("the listener to leave the bus", () -> bus.subscribers() == 0);
    s.thread.join(5_000);
    assertNull(s.failure.get());
  }

  @Test
  void aFolderFilterPassesOnlyThatFolder() throws Exception {
    Subscriber s = new Subscriber(Methods.EVENTS_SUBSCRIBE, new EventsParams("docs"));
    await("the subscription", () -> bus.subscribers() == 1);
    bus.publish(new DaemonEvent.RemoteChange("notes", 1, "e1", false, null, T0));
    bus.publish(new DaemonEvent.RemoteChange("docs", 2, "e2", true, null, T0));
    await("the docs event", () -> s.got.size() == 1);
    assertEquals("docs", s.params(0).get("folder"));
    assertEquals(true, s.params(0).get("deleted"));
  }

  @Test
  void anUnknownFolderIsRefusedByName() throws Exception {
    RpcClient c = RpcClient.connect(server.socketPath());
    clients.add(c);
    RpcException e = assertThrows(RpcException.class, () -> c.stream(Methods.EVENTS_SUBSCRIBE, new EventsParams("nope"), m -> {}));
    assertEquals(RpcErrors.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    assertEquals(0, bus.subscribers());
  }

  @Test
  void logsTailSendsMatchingLinesAsObjects() throws Exception {
    Subscriber s = new Subscriber(Methods.LOGS_TAIL, new LogsTailParams("warn", "docs"));
    await("the subscription", fanout::hasSubscribers);
    fanout.publish("{\"ts\":\"t1\",\"level\":\"INFO\",\"msg\":\"too low\",\"folder\":\"docs\"}");
    fanout.publish("{\"ts\":\"t2\",\"level\":\"WARN\",\"msg\":\"other folder\",\"folder\":\"notes\"}");
    fanout.publish("not json at all");
    fanout.publish("{\"ts\":\"t3\",\"level\":\"ERROR\",\"msg\":\"this one\",\"folder\":\"docs\",\"sync_id\":\"s-9\"}");
    await("the matching line", () -> s.got.size() == 1);
    assertEquals(Methods.LOG, s.got.get(0).get("method"));
    assertEquals("this one", s.params(0).get("msg"));
    assertEquals("s-9", s.params(0).get("sync_id"));

    s.client.close();
    await("the subscriber to leave", () -> !fanout.hasSubscribers());
  }

  @Test
  void logsTailRefusesAnUnknownLevel() throws Exception {
    RpcClient c = RpcClient.connect(server.socketPath());
    clients.add(c);
    RpcException e = assertThrows(RpcException.class, () -> c.stream(Methods.LOGS_TAIL, new LogsTailParams("loud", null), m -> {}));
    assertEquals(RpcErrors.INVALID_PARAMS, e.code());
    assertTrue(e.getMessage().contains("loud"), e.getMessage());
  }

  @Test
  void aFullQueueDropsTheOldestAndCountsThem() throws Exception {
    LaggingQueue<Integer> q = new LaggingQueue<>(2);
    for (int i = 1; i <= 5; i++) q.offer(i);
    LaggingQueue.Next<Integer> first = q.next(0);
    assertEquals(4, first.item());
    assertEquals(3, first.droppedBefore());
    LaggingQueue.Next<Integer> second = q.next(0);
    assertEquals(5, second.item());
    assertEquals(0, second.droppedBefore());
    assertNull(q.next(0));
  }
}
