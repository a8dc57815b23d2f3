package dev.ferry.server.api;

import static dev.ferry.server.api.HubApiTest.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.BatchRequest;
import dev.ferry.protocol.BatchResponse;
import dev.ferry.protocol.BatchWrite;
import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.ChunkIds;
import dev.ferry.protocol.DeviceList;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.FolderKey;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.protocol.Json;
import dev.ferry.server.testing.SseTestClient;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHttp;
import dev.ferry.server.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two accounts using the same folder id never see or touch each other's data, on every route. */
class IsolationTest {
  @Test
  void accountsAreIsolatedOnEveryRoute() {
    try (TestHub hub = TestHub.start(o -> o.withKeepAlive(Duration.ofMillis(200)))) {
      TestHttp http = hub.http();
      TestHub.Login alice = hub.createAccount("alice");
      TestHub.Login bob = hub.createAccount("bob");
      String f = "/v1/folders/shared";
      byte[] data = "alice's chunk".getBytes(StandardCharsets.UTF_8);
      String chunk = TestData.chunkId(data);
      String e = TestData.entryId();
      String key = Json.write(FolderKey.class, new FolderKey(TestData.b64("alice-key")));

      try (SseTestClient aliceEvents = SseTestClient.open(hub.url(), f + "/events?since=0", alice.token(), null);
           SseTestClient bobEvents = SseTestClient.open(hub.url(), f + "/events?since=0", bob.token(), null)) {
        assertEquals(200, http.put(f + "/key").token(alice.token()).json(key).send().status());
        assertEquals(201, http.put(f + "/chunks/" + chunk).token(alice.token()).bytes(data).send().status());
        assertEquals(200, http.put(f + "/entries/" + e).token(alice.token()).header("If-None-Match", "*")
            .json(TestData.chunked(data.length, List.of(chunk))).send().status());
        assertEquals(1, aliceEvents.take(1, Duration.ofSeconds(5)).size());

        // reads
        problem(http.get(f + "/key").token(bob.token()).send(), 404, "not_found");
        assertEquals(new FolderStatus("shared", 0, 0, 0, 0, 0, null, null),
            Json.read(FolderStatus.class, http.get(f).token(bob.token()).send().body()));
        assertTrue(Json.read(ChangesPage.class, http.get(f + "/changes?since=0").token(bob.token()).send().body()).changes().isEmpty());
        problem(http.get(f + "/entries/" + e).token(bob.token()).send(), 404, "not_found");
        problem(http.get(f + "/entries/" + e + "?rev=1").token(bob.token()).send(), 404, "not_found");
        problem(http.get(f + "/entries/" + e + "/history").token(bob.token()).send(), 404, "not_found");
        problem(http.get(f + "/chunks/" + chunk).token(bob.token()).send(), 404, "not_found");
        assertEquals(List.of(chunk), Json.read(ChunkIds.class, http.post(f + "/chunks/missing").token(bob.token())
            .json(Json.write(ChunkIds.class, new ChunkIds(List.of(chunk)))).send().body()).ids());
        DeviceList bobs = Json.read(DeviceList.class, http.get("/v1/devices").token(bob.token()).send().body());
        assertTrue(bobs.devices().stream().noneMatch(d -> d.id().equals(alice.deviceId())));

        // writes
        assertNull(problem(http.put(f + "/entries/" + e).token(bob.token()).header("If-Match", "\"1\"")
            .json(TestData.inline("bob")).send(), 409, "rev_mismatch").current());
        problem(http.put(f + "/entries/" + TestData.entryId()).token(bob.token()).header("If-None-Match", "*")
            .json(TestData.chunked(data.length, List.of(chunk))).send(), 422, "missing_chunks");
        var batch = Json.read(BatchResponse.class, http.post(f + "/batch").token(bob.token()).json(Json.write(BatchRequest.class,
            new BatchRequest(List.of(new BatchWrite(e, 1, null, new EntryWrite(false, 1, List.of(), TestData.b64("b"), TestData.b64("m"))),
                new BatchWrite(TestData.entryId(), 0, null, new EntryWrite(false, 1, List.of(chunk), null, TestData.b64("m"))))))).send().body());
        assertEquals(List.of(409, 422), batch.results().stream().map(r -> r.status()).toList());
        assertNull(batch.results().get(0).current());
        problem(http.delete("/v1/devices/" + alice.deviceId()).token(bob.token()).send(), 404, "not_found");
        // bob's own key, chunk and entry with the same ids live beside alice's
        assertEquals(200, http.put(f + "/key").token(bob.token()).json(Json.write(FolderKey.class, new FolderKey(TestData.b64("bob-key")))).send().status());
        assertEquals(201, http.put(f + "/chunks/" + chunk).token(bob.token()).bytes("bob's bytes".getBytes(StandardCharsets.UTF_8)).send().status());
        assertEquals(200, http.put(f + "/entries/" + e).token(bob.token()).header("If-None-Match", "*").json(TestData.inline("bob")).send().status());

        // alice's data is untouched
        assertEquals(TestData.b64("alice-key"), Json.read(FolderKey.class, http.get(f + "/key").token(alice.token()).send().body()).wrappedKey());
        assertTrue(Arrays.equals(data, http.get(f + "/chunks/" + chunk).token(alice.token()).send().bytes()));
        EntryMeta head = Json.read(EntryMeta.class, http.get(f + "/entries/" + e).token(alice.token()).send().body());
        assertEquals(List.of(chunk), head.chunks());
        assertEquals(1, head.rev());
        assertEquals(200, http.get("/v1/devices").token(alice.token()).send().status());

        // events: each subscriber heard only its own account's writes
        var bobHeard = bobEvents.take(1, Duration.ofSeconds(5));
        assertEquals(1, bobHeard.size());
        assertTrue(bobHeard.get(0).data().contains(bob.deviceId()), bobHeard.get(0).data());
        assertTrue(aliceEvents.take(1, Duration.ofMillis(500)).isEmpty(), "alice heard bob's write");
        assertTrue(bobEvents.take(1, Duration.ofMillis(300)).isEmpty());
      }
    }
  }
}
