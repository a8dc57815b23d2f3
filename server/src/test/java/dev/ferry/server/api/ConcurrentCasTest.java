package dev.ferry.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.WriteResult;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHttp;
import dev.ferry.server.testing.TestHub;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Invariant 7: racing compare-and-swap writers produce revs 1..N with no gap; every loser gets 409. */
class ConcurrentCasTest {
  static final int WRITERS = 8;
  static final int ROUNDS = 200;

  @Test
  void racingWritersNeverSkipOrRepeatARevision() throws Exception {
    try (TestHub hub = TestHub.start()) {
      TestHub.Login login = hub.createAccount("racer");
      String e = TestData.entryId();
      String path = "/v1/folders/race/entries/" + e;
      assertEquals(200, hub.http().put(path).token(login.token()).header("If-None-Match", "*").json(TestData.inline("start")).send().status());
      List<WriteResult> wins = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger losses = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          TestHttp http = new TestHttp(hub.url());
          for (int round = 0; round < ROUNDS; round++) {
            EntryMeta head = Json.readLenient(EntryMeta.class, http.get(path).token(login.token()).send().body());
            var r = http.put(path).token(login.token()).header("If-Match", "\"" + head.rev() + "\"")
                .json(TestData.inline("w" + writer + "r" + round)).send();
            if (r.status() == 200) {
              wins.add(Json.readLenient(WriteResult.class, r.body()));
            } else {
              assertEquals(409, r.status(), r.body());
              Problem p = Json.readLenient(Problem.class, r.body());
              assertEquals("rev_mismatch", p.code());
              assertTrue(p.current().rev() > head.rev(), "a loser sees a newer head");
              losses.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
      pool.shutdown();
      int n = wins.size() + 1;
      assertEquals(WRITERS * ROUNDS, wins.size() + losses.get());
      List<Long> revs = wins.stream().map(WriteResult::rev).sorted().toList();
      assertEquals(LongStream.rangeClosed(2, n).boxed().toList(), revs, "revs 2..N, each once");
      List<WriteResult> bySeq = wins.stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).toList();
      for (int i = 0; i < bySeq.size(); i++) {
        assertEquals(i + 2, bySeq.get(i).seq(), "seq has no gap");
        assertEquals(bySeq.get(i).seq(), bySeq.get(i).rev(), "one entry: seq and rev advance together");
      }
      EntryMeta head = Json.readLenient(EntryMeta.class, hub.http().get(path).token(login.token()).send().body());
      assertEquals(n, head.rev());
    }
  }
}
