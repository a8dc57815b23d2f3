package dev.ferry.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.FolderKey;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.WriteResult;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hub restarted on the same data directory serves everything it accepted and carries on. */
class RestartTest {
  @Test
  void everythingAcceptedSurvivesARestart() {
    try (TestHub hub = TestHub.start()) {
      TestHub.Login login = hub.createAccount("hal");
      String f = "/v1/folders/kept";
      byte[] data = "chunk bytes".getBytes(StandardCharsets.UTF_8);
      String chunk = TestData.chunkId(data);
      String e1 = TestData.entryId();
      String e2 = TestData.entryId();
      hub.http().put(f + "/key").token(login.token()).json(Json.write(FolderKey.class, new FolderKey(TestData.b64("k")))).send();
      hub.http().put(f + "/chunks/" + chunk).token(login.token()).bytes(data).send();
      hub.http().put(f + "/entries/" + e1).token(login.token()).header("If-None-Match", "*").json(TestData.chunked(data.length, List.of(chunk))).send();
      hub.http().put(f + "/entries/" + e2).token(login.token()).header("If-None-Match", "*").header("Idempotency-Key", "once").json(TestData.inline("two")).send();
      String invite = hub.invite();

      hub.restart();

      assertEquals(200, hub.http().get("/v1/devices").token(login.token()).send().status(), "the device token still works");
      assertEquals(TestData.b64("k"), Json.read(FolderKey.class, hub.http().get(f + "/key").token(login.token()).send().body()).wrappedKey());
      assertTrue(Arrays.equals(data, hub.http().get(f + "/chunks/" + chunk).token(login.token()).send().bytes()));
      ChangesPage page = Json.read(ChangesPage.class, hub.http().get(f + "/changes").token(login.token()).send().body());
      assertEquals(List.of(e1, e2), page.changes().stream().map(EntryMeta::entryId).toList());
      assertEquals(2, page.headSeq());
      var retry = hub.http().put(f + "/entries/" + e2).token(login.token()).header("If-None-Match", "*").header("Idempotency-Key", "once")
          .json(TestData.inline("two")).send();
      assertEquals(new WriteResult(e2, 1, 2), Json.read(WriteResult.class, retry.body()), "idempotency keys survive too");
      var next = hub.http().put(f + "/entries/" + e1).token(login.token()).header("If-Match", "\"1\"").json(TestData.inline("new")).send();
      assertEquals(new WriteResult(e1, 2, 3), Json.read(WriteResult.class, next.body()));
      // the invite made before the restart still works, once
      var created = hub.http().post("/v1/accounts").json("{\"user\":\"ivy\",\"authKey\":\"" + TestData.b64("0123456789abcdef")
          + "\",\"kdf\":{\"algorithm\":\"argon2id\",\"salt\":\"" + TestData.b64("saltsaltsaltsalt")
          + "\",\"memoryKiB\":65536,\"iterations\":3,\"parallelism\":1},\"invite\":\"" + invite + "\"}").send();
      assertEquals(201, created.status(), created.body());
    }
  }
}
