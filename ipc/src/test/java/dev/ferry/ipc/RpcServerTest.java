package dev.ferry.ipc;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.ipc.methods.FolderStatusView;
import dev.ferry.ipc.methods.FolderSyncResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.StatusParams;
import dev.ferry.ipc.methods.StatusResult;
import dev.ferry.ipc.methods.SyncParams;
import dev.ferry.ipc.methods.SyncResult;
import dev.ferry.protocol.Json;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server and client over real Unix sockets. */
@Timeout(60)
public class RpcServerTest {
  /** Params and result of the test's echo method (public: Moshi reads records reflectively). */
  public record EchoParams(String text, int times) {}

  public record EchoResult(String text, Instant at) {}

  static final Instant AT = Instant.parse("2026-03-04T05:06:07.089Z");

  TempSocketDir dir;
  RpcServer server;
  final AtomicInteger statusCalls = new AtomicInteger();
  final CountDownLatch streamHungUp = new CountDownLatch(1);
  final CountDownLatch slowRelease = new CountDownLatch(1);

  Map<String, RpcHandler> handlers() {
    Map<String, RpcHandler> h = new HashMap<>();
    h.put("echo", call -> {
      EchoParams p = call.params(EchoParams.class);
      return new EchoResult(p.text().repeat(Math.max(1, p.times())), AT);
    });
    h.put(Methods.STATUS, call -> {
      call.params(StatusParams.class);
      statusCalls.incrementAndGet();
      return new StatusResult("laptop", "dev-1", "ada", true, "http://hub", List.of(new FolderStatusView("notes", "/home/u/notes",
          "IDLE", true, false, AT, "ok", 3, 1, 0, null)));
    });
    h.put(Methods.SYNC, call -> {
      SyncParams p = call.params(SyncParams.class);
      return new SyncResult(List.of(new FolderSyncResult(p.folder(), FolderSyncResult.OK, "manual", p.directionOrDefault(),
          2, 1, 0, 0, 2048, 1024, 15, null, null, List.of("a.txt: skipped"))));
    });
    h.put("fail.app", call -> {
      throw new RpcException(RpcErrors.NOT_FOUND, "unknown folder photos", Map.of("folder", "photos"));
    });
    h.put("fail.bug", call -> {
      throw new IllegalStateException("secret internal detail");
    });
    h.put("nothing", call -> null);
    h.put("slow", call -> {
      try {
        slowRelease.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "late";
    });
    // Sends one event, then waits for the hang-up: how events.subscribe is meant to be written.
    h.put(Methods.EVENTS_SUBSCRIBE, (StreamingRpcHandler) (call, stream) -> {
      try {
        stream.notify("event", Map.of("state", "IDLE"));
        stream.awaitClosed();
        streamHungUp.countDown();
      } catch (IOException | InterruptedException e) {
        streamHungUp.countDown();
      }
      return null;
    });
    // Sends as fast as the client reads until a send fails.
    h.put(Methods.LOGS_TAIL, (StreamingRpcHandler) (call, stream) -> {
      int n = 0;
      try {
        while (true) stream.notify("log", Map.of("n", n++));
      } catch (IOException e) {
        assertFalse(stream.isOpen());
        streamHungUp.countDown();
      }
      return null;
    });
    // Closes the whole server once its answer is out, as shutdown does.
    h.put(Methods.SHUTDOWN, call -> new AfterReply(Map.of("stopping", true), () -> server.close()));
    h.put("three", (StreamingRpcHandler) (call, stream) -> {
      try {
        for (int i = 1; i <= 3; i++) stream.notify("n", Map.of("i", i));
      } catch (IOException e) {
        throw new RpcException(RpcErrors.FAILED, "client left");
      }
      return "done";
    });
    return h;
  }

  @BeforeEach
  void start() throws IOException {
    dir = new TempSocketDir();
    server = new RpcServer(dir.socket(), handlers());
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    slowRelease.countDown();
    server.close();
    dir.close();
  }

  @Test
  void anAfterReplyActionRunsOnlyOnceTheAnswerIsWritten() throws Exception {
    {
      try (RpcClient c = RpcClient.connect(dir.socket())) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = c.call(Methods.SHUTDOWN, null, Map.class);
        assertEquals(Boolean.TRUE, r.get("stopping"));
      }
      // The action runs after the answer, so the socket goes away shortly after it arrives.
      long deadline = System.nanoTime() + 5_000_000_000L;
      boolean gone = false;
      while (!gone && System.nanoTime() < deadline) {
        try (RpcClient probe = RpcClient.connect(dir.socket())) {
          Thread.onSpinWait();
        } catch (DaemonNotRunningException e) {
          gone = true;
        }
      }
      assertTrue(gone, "the server closed after answering");
    }
  }

  @Test
  void happyPathCallsDecodeRecordsAndInstants() throws Exception {
    try (RpcClient client = RpcClient.connect(dir.socket())) {
      assertEquals(new EchoResult("abab", AT), client.call("echo", new EchoParams("ab", 2), EchoResult.class));
      StatusResult status = client.call(Methods.STATUS, new StatusParams(), StatusResult.class);
      assertEquals("laptop", status.device());
      assertEquals(AT, status.folders().get(0).lastSync());
      assertNull(status.folders().get(0).lastError());
      SyncResult sync = client.call(Methods.SYNC, new SyncParams("notes", null, false, false, false), SyncResult.class);
      assertEquals(new FolderSyncResult("notes", "ok", "manual", "both", 2, 1, 0, 0, 2048, 1024, 15, null, null, List.of("a.txt: skipped")), sync.folders().get(0));
      assertNull(client.call("nothing", null, Object.class));
      assertNull(client.call("echo", new EchoParams("x", 1), Void.class));
    }
  }

  @Test
  void resultsOnTheWireCarryIsoInstantsAndOmitNulls() throws Exception {
    try (RawConnection raw = new RawConnection(dir.socket())) {
      String line = raw.call("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"status\"}");
      assertTrue(line.startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{"), line);
      assertTrue(line.contains("\"lastSync\":\"2026-03-04T05:06:07.089Z\""), line);
      assertFalse(line.contains("lastError"), line);
    }
  }

  @Test
  void everyKindOfBadRequestGetsItsErrorAndTheConnectionKeepsServing() throws Exception {
    try (RawConnection raw = new RawConnection(dir.socket())) {
      assertError(raw.call("{not json"), "null", RpcErrors.PARSE_ERROR, "parse error");
      assertError(raw.call("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}]"), "null", RpcErrors.INVALID_REQUEST, "batch not supported");
      assertError(raw.call("{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"echo\"}"), "2", RpcErrors.INVALID_REQUEST, "jsonrpc");
      assertError(raw.call("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":[\"echo\"]}"), "3", RpcErrors.INVALID_REQUEST, "method");
      assertError(raw.call("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"echo\"}"), "null", RpcErrors.INVALID_REQUEST, "id must be");
      assertError(raw.call("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"frobnicate\"}"), "4", RpcErrors.METHOD_NOT_FOUND, "frobnicate");
      assertError(raw.call("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"echo\",\"params\":{\"text\":[1]}}"), "5", RpcErrors.INVALID_PARAMS, "$.text");
      assertError(raw.call("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"sync\",\"params\":{\"folder\":\"a\",\"bogus\":1}}"), "6", RpcErrors.INVALID_PARAMS, "invalid params for sync: unknown field 'bogus'");
      assertError(raw.call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":[\"a\"]}"), "7", RpcErrors.INVALID_PARAMS, "array");
      String app = raw.call("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"fail.app\"}");
      assertError(app, "8", RpcErrors.NOT_FOUND, "unknown folder photos");
      assertTrue(app.contains("\"data\":{\"folder\":\"photos\"}"), app);
      String bug = raw.call("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"fail.bug\"}");
      assertError(bug, "9", RpcErrors.INTERNAL_ERROR, "internal error in fail.bug");
      assertFalse(bug.contains("secret") || bug.contains("IllegalState") || bug.contains("at dev.ferry"), bug);
      byte[] badUtf8 = {'{', '"', (byte) 0xff, '"', ':', '1', '}', '\n'};
      raw.send(badUtf8);
      assertError(raw.readLine(), "null", RpcErrors.PARSE_ERROR, "UTF-8");
      // Still serving this client:
      assertEquals("{\"jsonrpc\":\"2.0\",\"id\":12345678901234567,\"result\":{\"text\":\"ok\",\"at\":\"2026-03-04T05:06:07.089Z\"}}",
          raw.call("{\"jsonrpc\":\"2.0\",\"id\":12345678901234567,\"method\":\"echo\",\"params\":{\"text\":\"ok\"}}"));
    }
  }

  @Test
  void notificationsGetNoAnswerNotEvenErrors() throws Exception {
    try (RawConnection raw = new RawConnection(dir.socket())) {
      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"status\"}\n");
      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"no.such.method\"}\n");
      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"fail.bug\"}\n");
      raw.send("\n   \n");
      String next = raw.call("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"nothing\"}");
      assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"result\":null}", next);
      assertEquals(1, statusCalls.get(), "the notification did run its handler");
    }
  }

  @Test
  void clientSeesErrorCodeMessageAndData() throws Exception {
    try (RpcClient client = RpcClient.connect(dir.socket())) {
      RpcException e = assertThrows(RpcException.class, () -> client.call("fail.app", null, Object.class));
      assertEquals(RpcErrors.NOT_FOUND, e.code());
      assertEquals("unknown folder photos", e.getMessage());
      assertEquals(Map.of("folder", "photos"), e.data());
      RpcException missing = assertThrows(RpcException.class, () -> client.call("frobnicate", null, Object.class));
      assertEquals(RpcErrors.METHOD_NOT_FOUND, missing.code());
      assertEquals(new EchoResult("z", AT), client.call("echo", new EchoParams("z", 0), EchoResult.class));
    }
  }

  @Test
  void aLineOverOneMebibyteIsRefusedAndClosedWithoutHurtingOthers() throws Exception {
    try (RpcClient bystander = RpcClient.connect(dir.socket()); RawConnection big = new RawConnection(dir.socket())) {
      byte[] huge = new byte[8 << 20];
      java.util.Arrays.fill(huge, (byte) 'a');
      huge[huge.length - 1] = '\n';
      // The server stops reading after 1 MiB and hangs up, so the rest of 8 MiB cannot be delivered.
      assertThrows(IOException.class, () -> big.send(huge));
      assertError(big.readLine(), "null", RpcErrors.INVALID_REQUEST, "request line over 1 MiB");
      assertNull(big.readLine(), "the connection is closed after the error");
      assertEquals(new EchoResult("still", AT), bystander.call("echo", new EchoParams("still", 1), EchoResult.class));
    }
    try (RpcClient later = RpcClient.connect(dir.socket())) {
      assertEquals(new EchoResult("new", AT), later.call("echo", new EchoParams("new", 1), EchoResult.class));
    }
  }

  @Test
  void aLineOfExactlyOneMebibyteIsRead() throws Exception {
    String prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"";
    String suffix = "\"}}";
    String line = prefix + "x".repeat((1 << 20) - prefix.length() - suffix.length()) + suffix;
    assertEquals(1 << 20, line.getBytes(StandardCharsets.UTF_8).length);
    try (RawConnection raw = new RawConnection(dir.socket())) {
      String answer = raw.call(line);
      assertTrue(answer.startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"xxx"), answer.substring(0, 80));
    }
  }

  @Test
  void fiftyClientsMakingTwentyCallsEach() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int c = 0; c < 50; c++) {
        int client = c;
        results.add(pool.submit(() -> {
          int ok = 0;
          try (RpcClient rpc = RpcClient.connect(dir.socket())) {
            for (int i = 0; i < 20; i++) {
              String text = client + "-" + i;
              if (rpc.call("echo", new EchoParams(text, 1), EchoResult.class).text().equals(text)) ok++;
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> f : results) assertEquals(20, f.get(30, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStreamEndsWhenTheClientClosesItsWriteSide() throws Exception {
    try (RawConnection raw = new RawConnection(dir.socket())) {
      raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"events.subscribe\"}\n");
      String event = raw.readLine();
      assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":{\"state\":\"IDLE\"}}", event);
      raw.channel.shutdownOutput();
      assertTrue(streamHungUp.await(10, TimeUnit.SECONDS), "the handler saw the hang-up");
    }
  }

  @Test
  void aStreamEndsWhenTheClientClosesDuringAFlood() throws Exception {
    RpcClient client = RpcClient.connect(dir.socket());
    AtomicInteger seen = new AtomicInteger();
    client.stream(Methods.LOGS_TAIL, null, note -> {
      assertEquals("log", note.get("method"));
      if (seen.incrementAndGet() == 100) client.close();
    });
    assertEquals(100, seen.get(), "nothing is handed out after close()");
    assertTrue(streamHungUp.await(10, TimeUnit.SECONDS), "the handler's send failed once the client left");
  }

  @Test
  void anInterruptedSubscriberHangsUp() throws Exception {
    CountDownLatch gotEvent = new CountDownLatch(1);
    List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    RpcClient client = RpcClient.connect(dir.socket());
    Thread subscriber = new Thread(() -> {
      try {
        client.stream(Methods.EVENTS_SUBSCRIBE, null, note -> {
          events.add(note);
          gotEvent.countDown();
        });
      } catch (IOException | RpcException e) {
        events.add(Map.of("failure", e.toString()));
      }
    });
    subscriber.start();
    assertTrue(gotEvent.await(10, TimeUnit.SECONDS));
    subscriber.interrupt();
    subscriber.join(10_000);
    assertFalse(subscriber.isAlive());
    assertEquals(List.of(Map.of("jsonrpc", "2.0", "method", "event", "params", Map.of("state", "IDLE"))), events);
    assertTrue(streamHungUp.await(10, TimeUnit.SECONDS), "closing on interrupt told the daemon");
  }

  @Test
  void aStreamThatEndsByItselfReturnsToTheCaller() throws Exception {
    try (RpcClient client = RpcClient.connect(dir.socket())) {
      List<Object> seen = new ArrayList<>();
      client.stream("three", null, note -> seen.add(((Map<?, ?>) note.get("params")).get("i")));
      assertEquals(List.of(1.0, 2.0, 3.0), seen);
      // The connection stays usable after a stream that ended with an answer.
      assertEquals(new EchoResult("after", AT), client.call("echo", new EchoParams("after", 1), EchoResult.class));
    }
  }

  @Test
  void aCallTimeoutLeavesTheConnectionUsable() throws Exception {
    try (RpcClient client = RpcClient.connect(dir.socket())) {
      assertThrows(SocketTimeoutException.class, () -> client.call("slow", null, String.class, Duration.ofMillis(200)));
      slowRelease.countDown();
      assertEquals(new EchoResult("next", AT), client.call("echo", new EchoParams("next", 1), EchoResult.class));
    }
  }

  @Test
  void closingTheServerHangsUpOnClientsAndRemovesTheSocket() throws Exception {
    RpcClient client = RpcClient.connect(dir.socket());
    assertEquals(new EchoResult("a", AT), client.call("echo", new EchoParams("a", 1), EchoResult.class));
    server.close();
    assertFalse(java.nio.file.Files.exists(dir.socket()));
    assertThrows(IOException.class, () -> client.call("echo", new EchoParams("b", 1), EchoResult.class));
    client.close();
    assertThrows(DaemonNotRunningException.class, () -> RpcClient.connect(dir.socket()));
  }

  static void assertError(String line, String id, int code, String fragment) throws IOException {
    assertNotNull(line, "expected an error line, got end of stream");
    Map<?, ?> message = Json.adapter(Map.class).fromJson(line);
    assertEquals("2.0", message.get("jsonrpc"), line);
    assertTrue(line.contains("\"id\":" + id + ","), "id " + id + " in " + line);
    Map<?, ?> error = (Map<?, ?>) message.get("error");
    assertNotNull(error, line);
    assertEquals(code, ((Number) error.get("code")).intValue(), line);
    assertTrue(((String) error.get("message")).contains(fragment), line);
  }
}
