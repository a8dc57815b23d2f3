package dev.ferry.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.ChangeEvent;
import dev.ferry.protocol.Json;
import dev.ferry.server.testing.SseTestClient;
import dev.ferry.server.testing.SseTestClient.Event;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The event stream: live changes, resumption without gaps or duplicates, keep-alives, clean unsubscribe. */
class EventsTest {
  static void await(String what, BooleanSupplier cond) {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!cond.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("timed out waiting for " + what);
      Thread.onSpinWait();
    }
  }

  static int subscribers(TestHub hub) {
    String m = hub.http().get("/metrics").send().body();
    return m.lines().filter(l -> l.startsWith("ferry_sse_subscribers ")).mapToInt(l -> Integer.parseInt(l.split(" ")[1])).findFirst().orElse(-1);
  }

  void write(TestHub hub, TestHub.Login login, String entryId) {
    var r = hub.http().put("/v1/folders/ev/entries/" + entryId).token(login.token()).header("If-None-Match", "*")
        .json(TestData.inline("x")).send();
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void resumingWithLastEventIdDeliversEveryChangeExactlyOnce() throws Exception {
    try (TestHub hub = TestHub.start(o -> o.withKeepAlive(Duration.ofMillis(100)))) {
      TestHub.Login login = hub.createAccount("eve");
      String path = "/v1/folders/ev/events?since=0";
      List<Long> seen = new ArrayList<>();
      try (SseTestClient first = SseTestClient.open(hub.url(), path, login.token(), null)) {
        assertEquals(200, first.status());
        for (int i = 0; i < 5; i++) write(hub, login, TestData.entryId());
        List<Event> got = first.take(5, Duration.ofSeconds(10));
        assertEquals(5, got.size());
        for (Event e : got) {
          assertEquals("change", e.event());
          ChangeEvent ce = Json.read(ChangeEvent.class, e.data());
          assertEquals(Long.parseLong(e.id()), ce.seq());
          assertEquals("ev", ce.folder());
          assertEquals(login.deviceId(), ce.modifiedBy());
          seen.add(ce.seq());
        }
        await("a keep-alive comment", () -> first.comments().stream().anyMatch(c -> c.contains("keep-alive")));
      }
      await("the hub to drop the closed stream", () -> subscribers(hub) == 0);

      for (int i = 0; i < 5; i++) write(hub, login, TestData.entryId()); // while nobody listens
      ExecutorService writer = Executors.newSingleThreadExecutor();
      Future<?> more = writer.submit(() -> {
        for (int i = 0; i < 20; i++) write(hub, login, TestData.entryId()); // racing the resume
      });
      try (SseTestClient second = SseTestClient.open(hub.url(), "/v1/folders/ev/events", login.token(), Long.toString(seen.get(seen.size() - 1)))) {
        more.get();
        for (Event e : second.take(25, Duration.ofSeconds(10))) seen.add(Long.parseLong(e.id()));
        assertTrue(second.take(1, Duration.ofMillis(300)).isEmpty(), "no extra events");
      } finally {
        writer.shutdown();
      }
      assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(), seen);
    }
  }

  @Test
  void streamRefusesBadInputAsProblems() {
    try (TestHub hub = TestHub.start()) {
      TestHub.Login login = hub.createAccount("fay");
      HubApiTest.problem(hub.http().get("/v1/folders/ev/events").token(login.token()).header("Last-Event-ID", "x").send(), 400, "invalid_header");
      HubApiTest.problem(hub.http().get("/v1/folders/ev/events?since=-4").token(login.token()).send(), 400, "invalid_field");
      HubApiTest.problem(hub.http().get("/v1/folders/ev/events").send(), 401, "unauthorized");
    }
  }

  @Test
  void manySubscribersPerFolderAllHearAChange() {
    try (TestHub hub = TestHub.start()) {
      TestHub.Login login = hub.createAccount("gus");
      List<SseTestClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) clients.add(SseTestClient.open(hub.url(), "/v1/folders/ev/events", login.token(), null));
        await("20 subscribers", () -> subscribers(hub) == 20);
        write(hub, login, TestData.entryId());
        for (SseTestClient c : clients) assertEquals("1", c.take(1, Duration.ofSeconds(5)).get(0).id());
      } finally {
        clients.forEach(SseTestClient::close);
      }
    }
  }
}
