package dev.ferry.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.ChangeEvent;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.WriteResult;
import dev.ferry.server.testing.SseTestClient;
import dev.ferry.server.testing.SseTestClient.Event;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHttp;
import dev.ferry.server.testing.TestHub;
import dev.ferry.server.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Two hub instances on one PostgreSQL database: events cross instances, resume anywhere, CAS stays exact. */
class MultiInstanceTest {

  private static void write(TestHub hub, TestHub.Login login, String folder, String entryId) {
    var r = hub.http().put("/v1/folders/" + folder + "/entries/" + entryId).token(login.token())
        .header("If-None-Match", "*").json(TestData.inline("x")).send();
    assertEquals(200, r.status(), r.body());
  }

  private static List<Long> seqs(List<Event> events) {
    List<Long> out = new ArrayList<>();
    for (Event e : events) {
      assertEquals("change", e.event());
      ChangeEvent ce = Json.read(ChangeEvent.class, e.data());
      assertEquals(Long.parseLong(e.id()), ce.seq());
      out.add(ce.seq());
    }
    return out;
  }

  @Test
  void aWriteOnOneInstanceReachesSubscribersOfTheOtherAndResumeWorksOnEither() {
    String db = TestPostgres.get().newDatabase("multi_events");
    try (TestHub one = TestHub.startOnPostgres(db, o -> o); TestHub two = TestHub.startOnPostgres(db, o -> o)) {
      TestHub.Login amy = one.createAccount("amy"); // the token works on both: they share the database
      String events = "/v1/folders/shared/events";
      try (SseTestClient onTwo = SseTestClient.open(two.url(), events, amy.token(), null);
          SseTestClient onOne = SseTestClient.open(one.url(), events, amy.token(), null)) {
        assertEquals(200, onTwo.status());
        assertEquals(200, onOne.status());
        for (int i = 0; i < 3; i++) write(one, amy, "shared", TestData.entryId());
        for (int i = 0; i < 3; i++) write(two, amy, "shared", TestData.entryId());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs(onTwo.take(6, Duration.ofSeconds(10))), "instance two hears both");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs(onOne.take(6, Duration.ofSeconds(10))), "instance one hears both");
      }
      for (int i = 0; i < 4; i++) write(two, amy, "shared", TestData.entryId()); // while nobody listens
      try (SseTestClient resumedOnOne = SseTestClient.open(one.url(), events, amy.token(), "6");
          SseTestClient resumedOnTwo = SseTestClient.open(two.url(), events, amy.token(), "8")) {
        write(one, amy, "shared", TestData.entryId());
        assertEquals(List.of(7L, 8L, 9L, 10L, 11L), seqs(resumedOnOne.take(5, Duration.ofSeconds(10))));
        assertEquals(List.of(9L, 10L, 11L), seqs(resumedOnTwo.take(3, Duration.ofSeconds(10))));
        assertTrue(resumedOnOne.take(1, Duration.ofMillis(300)).isEmpty(), "no duplicates");
      }
    }
  }

  @Test
  void racingWritersOnTwoInstancesNeverLoseAnUpdateOrRepeatASeq() throws Exception {
    int writers = 8;
    int rounds = 40;
    String db = TestPostgres.get().newDatabase("multi_cas");
    try (TestHub one = TestHub.startOnPostgres(db, o -> o); TestHub two = TestHub.startOnPostgres(db, o -> o)) {
      TestHub.Login login = one.createAccount("racer");
      String e = TestData.entryId();
      String path = "/v1/folders/race/entries/" + e;
      assertEquals(200, one.http().put(path).token(login.token()).header("If-None-Match", "*").json(TestData.inline("start")).send().status());
      List<WriteResult> wins = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger losses = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        TestHub via = w % 2 == 0 ? one : two;
        done.add(pool.submit(() -> {
          TestHttp http = new TestHttp(via.url());
          for (int round = 0; round < rounds; round++) {
            EntryMeta head = Json.readLenient(EntryMeta.class, http.get(path).token(login.token()).send().body());
            var r = http.put(path).token(login.token()).header("If-Match", "\"" + head.rev() + "\"")
                .json(TestData.inline("w" + writer + "r" + round)).send();
            if (r.status() == 200) {
              wins.add(Json.readLenient(WriteResult.class, r.body()));
            } else {
              assertEquals(409, r.status(), r.body());
              assertEquals("rev_mismatch", Json.readLenient(Problem.class, r.body()).code());
              losses.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
      pool.shutdown();
      assertEquals(writers * rounds, wins.size() + losses.get());
      int n = wins.size() + 1;
      assertEquals(LongStream.rangeClosed(2, n).boxed().toList(), wins.stream().map(WriteResult::rev).sorted().toList(),
          "revs 2..N, each once: no lost update");
      assertEquals(LongStream.rangeClosed(2, n).boxed().toList(), wins.stream().map(WriteResult::seq).sorted().toList(),
          "seqs 2..N, each once: no duplicate, no gap");
      EntryMeta head = Json.readLenient(EntryMeta.class, two.http().get(path).token(login.token()).send().body());
      assertEquals(n, head.rev());
    }
  }
}
