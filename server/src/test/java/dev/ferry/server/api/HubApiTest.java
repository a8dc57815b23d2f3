package dev.ferry.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.BatchRequest;
import dev.ferry.protocol.BatchResponse;
import dev.ferry.protocol.BatchWrite;
import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.ChunkIds;
import dev.ferry.protocol.CreateAccountRequest;
import dev.ferry.protocol.DeviceList;
import dev.ferry.protocol.EntryHistory;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.FolderKey;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.protocol.Health;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.KdfParams;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.Protocol;
import dev.ferry.protocol.WriteResult;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHttp;
import dev.ferry.server.testing.TestHttp.Reply;
import dev.ferry.server.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route's happy path and its refusals, against a real hub on loopback. */
class HubApiTest {
  static TestHub hub;
  static TestHttp http;
  static TestHub.Login alice;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
    http = hub.http();
    alice = hub.createAccount("alice");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static Problem problem(Reply r, int status, String code) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.contentType().startsWith(Problem.MEDIA_TYPE), r.contentType());
    Problem p = Json.readLenient(Problem.class, r.body());
    assertEquals(code, p.code(), r.body());
    assertEquals(status, p.status());
    return p;
  }

  static String entries(String folder, String entryId) {
    return "/v1/folders/" + folder + "/entries/" + entryId;
  }

  Reply create(String folder, String entryId, String body) {
    return http.put(entries(folder, entryId)).token(alice.token()).header("If-None-Match", "*").json(body).send();
  }

  Reply update(String folder, String entryId, long rev, String body) {
    return http.put(entries(folder, entryId)).token(alice.token()).header("If-Match", "\"" + rev + "\"").json(body).send();
  }

  // ---- operations

  @Test
  void healthAndMetrics() {
    Reply h = http.get("/healthz").send();
    assertEquals(200, h.status());
    assertEquals("ok", Json.readLenient(Health.class, h.body()).status());
    Reply m = http.get("/metrics").send();
    assertEquals(200, m.status());
    assertTrue(m.contentType().startsWith("text/plain"));
    for (String want : List.of("# TYPE ferry_http_requests_total counter", "# TYPE ferry_http_request_duration_seconds histogram",
        "ferry_accounts ", "ferry_devices ", "ferry_entries ", "ferry_stored_bytes ", "ferry_sse_subscribers ",
        "route=\"/healthz\"")) {
      assertTrue(m.body().contains(want), "metrics lack " + want + ":\n" + m.body());
    }
  }

  @Test
  void unknownRouteWrongMethodAndMissingToken() {
    problem(http.get("/v1/nonsense").send(), 404, "not_found");
    problem(http.delete("/healthz").send(), 405, "method_not_allowed");
    Reply r = http.get("/v1/devices").send();
    problem(r, 401, "unauthorized");
    assertEquals("Bearer", r.header("WWW-Authenticate"));
    problem(http.get("/v1/devices").token("not-a-real-token").send(), 401, "unauthorized");
    problem(http.get("/v1/devices").header("Authorization", "Basic YWxpY2U6eA==").send(), 401, "unauthorized");
    problem(http.get("/v1/folders/docs").send(), 401, "unauthorized");
    problem(http.get("/v1/folders/docs/events").send(), 401, "unauthorized");
  }

  @Test
  void errorsJettyAnswersItselfAreProblemJsonToo() throws Exception {
    String huge = "a".repeat(10_000);
    problem(http.get("/v1/devices").header("Authorization", "Bearer " + huge).send(), 431, "request_header_too_large");
    Problem key = problem(http.put(entries("docs", TestData.entryId())).token(alice.token()).header("If-None-Match", "*")
        .header("Idempotency-Key", huge).json(TestData.inline("x")).send(), 431, "request_header_too_large");
    assertTrue(key.detail().contains("8192 bytes"), key.detail());
    for (String raw : List.of("GET /v1/folders/%00bad HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
        "NONSENSE\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: h\r\nno colon here\r\nConnection: close\r\n\r\n",
        "PUT /v1/folders/%00bad HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
      Reply r = raw(raw);
      Problem p = problem(r, 400, "bad_request");
      assertTrue(p.detail().startsWith("the request is not well-formed HTTP"), p.detail());
    }
    assertEquals(200, http.get("/healthz").send().status());
  }

  /** Sends {@code request} as it is over a fresh connection and reads the answer until the hub closes it. */
  static Reply raw(String request) throws java.io.IOException {
    try (java.net.Socket s = new java.net.Socket(hub.url().getHost(), hub.url().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int end = answer.indexOf("\r\n\r\n");
      assertTrue(end > 0, "no HTTP answer: " + answer);
      String[] lines = answer.substring(0, end).split("\r\n");
      java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
      return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers,
          answer.substring(end + 4).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  // ---- accounts

  @Test
  void malformedAndMistypedAccountRequests() {
    problem(http.post("/v1/accounts").json("{\"user\":").send(), 400, "malformed_json");
    problem(http.post("/v1/accounts").json("").send(), 400, "malformed_json");
    problem(http.post("/v1/accounts").json("{} trailing").send(), 400, "malformed_json");
    // In the sender's words, not the parser's advice to its programmer ("Use JsonReader.setLenient(true)...").
    assertEquals("malformed JSON: not valid JSON at $.user",
        problem(http.post("/v1/accounts").json("{\"user\": \"x\", bad").send(), 400, "malformed_json").detail());
    Problem wrongType = problem(http.post("/v1/accounts").json("{\"user\": true}").send(), 400, "invalid_field");
    assertEquals("user", wrongType.field());
    assertEquals("expected a string but found true or false at $.user", wrongType.detail());
    Problem unknown = problem(http.post("/v1/accounts").json("{\"user\":\"x\",\"bogus\":1}").send(), 400, "invalid_field");
    assertEquals("bogus", unknown.field());
    assertEquals("unknown field 'bogus'", unknown.detail());
    Problem nested = problem(http.post("/v1/accounts").json("{\"user\":\"x\",\"kdf\":{\"zzz\":1}}").send(), 400, "invalid_field");
    assertEquals("unknown field 'kdf.zzz'", nested.detail());
    problem(http.post("/v1/accounts").header("Content-Type", "text/plain").json("{}").header("Content-Type", "text/plain").send(),
        415, "unsupported_media_type");
  }

  String account(String user, String authKey, String salt, String invite) {
    return Json.write(CreateAccountRequest.class,
        new CreateAccountRequest(user, authKey, new KdfParams(KdfParams.ARGON2ID, salt, 65536, 3, 1), invite));
  }

  @Test
  void accountCreationRules() {
    String key = TestData.b64("0123456789abcdef0123456789abcdef");
    String salt = TestData.b64("saltsaltsaltsalt");
    assertEquals("user", problem(http.post("/v1/accounts").json(account("bad name!", key, salt, hub.invite())).send(), 400, "invalid_field").field());
    assertEquals("authKey", problem(http.post("/v1/accounts").json(account("bob1", "***", salt, hub.invite())).send(), 400, "invalid_field").field());
    assertEquals("authKey", problem(http.post("/v1/accounts").json(account("bob1", TestData.b64("short"), salt, hub.invite())).send(), 400, "invalid_field").field());
    assertEquals("kdf.salt", problem(http.post("/v1/accounts").json(account("bob1", key, TestData.b64("s"), hub.invite())).send(), 400, "invalid_field").field());
    problem(http.post("/v1/accounts").json(account("bob1", key, salt, null)).send(), 403, "invite_invalid");
    problem(http.post("/v1/accounts").json(account("bob1", key, salt, "neverIssuedInvite1")).send(), 403, "invite_invalid");
    String invite = hub.invite();
    assertEquals(201, http.post("/v1/accounts").json(account("bob1", key, salt, invite)).send().status());
    problem(http.post("/v1/accounts").json(account("bob2", key, salt, invite)).send(), 403, "invite_invalid");
    problem(http.post("/v1/accounts").json(account("bob1", key, salt, hub.invite())).send(), 409, "account_exists");
  }

  @Test
  void kdfLookupDoesNotRevealWhetherAUserExists() {
    Reply real = http.get("/v1/accounts/alice/kdf").send();
    assertEquals(200, real.status());
    KdfParams a = Json.read(KdfParams.class, real.body());
    Reply fake1 = http.get("/v1/accounts/nobody-here/kdf").send();
    Reply fake2 = http.get("/v1/accounts/nobody-here/kdf").send();
    Reply other = http.get("/v1/accounts/someone-else/kdf").send();
    assertEquals(200, fake1.status());
    assertEquals(fake1.body(), fake2.body(), "decoy params are deterministic");
    KdfParams f = Json.read(KdfParams.class, fake1.body());
    assertNotEquals(f.salt(), Json.read(KdfParams.class, other.body()).salt());
    assertEquals(a.algorithm(), f.algorithm());
    assertEquals(a.memoryKiB(), f.memoryKiB());
    assertEquals(a.salt().length(), f.salt().length());
    problem(http.get("/v1/accounts/bad%20name/kdf").send(), 400, "invalid_id");
  }

  // ---- devices

  @Test
  void devicesListMarksTheCallerAndRevocationIsImmediate() {
    TestHub.Login carol = hub.createAccount("carol");
    TestHub.Login phone = hub.login("carol", carol.authKey(), "phone");
    Reply r = http.get("/v1/devices").token(carol.token()).send();
    assertEquals(200, r.status());
    DeviceList list = Json.read(DeviceList.class, r.body());
    assertEquals(2, list.devices().size());
    assertEquals(1, list.devices().stream().filter(d -> d.current()).count());
    assertTrue(list.devices().stream().anyMatch(d -> d.current() && d.id().equals(carol.deviceId())));
    assertEquals(200, http.get("/v1/folders/docs").token(phone.token()).send().status());
    assertEquals(204, http.delete("/v1/devices/" + phone.deviceId()).token(carol.token()).send().status());
    problem(http.get("/v1/folders/docs").token(phone.token()).send(), 401, "unauthorized");
    problem(http.delete("/v1/devices/" + phone.deviceId()).token(carol.token()).send(), 404, "not_found");
    problem(http.delete("/v1/devices/bad!id").token(carol.token()).send(), 400, "invalid_id");
    assertEquals(1, Json.read(DeviceList.class, http.get("/v1/devices").token(carol.token()).send().body()).devices().size());
  }

  // ---- folders

  @Test
  void folderKeyFirstPutWins() {
    String path = "/v1/folders/keyed/key";
    problem(http.get(path).token(alice.token()).send(), 404, "not_found");
    String k1 = Json.write(FolderKey.class, new FolderKey(TestData.b64("wrapped-key-one")));
    String k2 = Json.write(FolderKey.class, new FolderKey(TestData.b64("wrapped-key-two")));
    assertEquals(200, http.put(path).token(alice.token()).json(k1).send().status());
    assertEquals(200, http.put(path).token(alice.token()).json(k1).send().status());
    problem(http.put(path).token(alice.token()).json(k2).send(), 409, "key_exists");
    Reply got = http.get(path).token(alice.token()).send();
    assertEquals(200, got.status());
    assertEquals(TestData.b64("wrapped-key-one"), Json.read(FolderKey.class, got.body()).wrappedKey());
    assertEquals("wrappedKey", problem(http.put(path).token(alice.token()).json("{\"wrappedKey\":\"@@@\"}").send(), 400, "invalid_field").field());
    assertEquals("folder", problem(http.get("/v1/folders/-bad/key").token(alice.token()).send(), 400, "invalid_id").field());
  }

  @Test
  void folderStatusIsZeroForAFreshFolderAndCountsWrites() {
    Reply fresh = http.get("/v1/folders/fresh").token(alice.token()).send();
    assertEquals(200, fresh.status());
    FolderStatus s = Json.read(FolderStatus.class, fresh.body());
    assertEquals(new FolderStatus("fresh", 0, 0, 0, 0, 0, null, null), s);
    String e1 = TestData.entryId();
    String e2 = TestData.entryId();
    assertEquals(200, create("counted", e1, TestData.inline("hello")).status());
    assertEquals(200, create("counted", e2, TestData.inline("world!")).status());
    assertEquals(200, update("counted", e2, 1, TestData.tombstone()).status());
    FolderStatus c = Json.read(FolderStatus.class, http.get("/v1/folders/counted").token(alice.token()).send().body());
    assertEquals(3, c.headSeq());
    assertEquals(1, c.entries());
    assertEquals(1, c.deleted());
    assertEquals(5, c.bytes());
    assertEquals(alice.deviceId(), c.lastModifiedBy());
    assertNotNull(c.lastModifiedAt());
  }

  // ---- entries

  @Test
  void compareAndSwapWrites() {
    String f = "cas";
    String e = TestData.entryId();
    Reply first = create(f, e, TestData.inline("v1"));
    assertEquals(200, first.status(), first.body());
    WriteResult w1 = Json.read(WriteResult.class, first.body());
    assertEquals(new WriteResult(e, 1, 1), w1);
    assertEquals("\"1\"", first.header("ETag"));
    assertEquals(new WriteResult(e, 2, 2), Json.read(WriteResult.class, update(f, e, 1, TestData.inline("v2")).body()));
    Problem stale = problem(update(f, e, 1, TestData.inline("v2b")), 409, "rev_mismatch");
    assertEquals(2, stale.current().rev());
    assertEquals(TestData.b64("v2"), stale.current().inline());
    assertEquals(2, problem(create(f, e, TestData.inline("again")), 409, "rev_mismatch").current().rev());
    assertEquals(200, update(f, e, 2, TestData.tombstone()).status());
    Problem onTombstone = problem(create(f, e, TestData.inline("resurrect")), 409, "rev_mismatch");
    assertTrue(onTombstone.current().deleted());
    assertEquals(3, onTombstone.current().rev());
    assertEquals(200, update(f, e, 3, TestData.inline("back")).status());
    assertTrue(problem(update(f, TestData.entryId(), 4, TestData.inline("x")), 409, "rev_mismatch").current() == null);
  }

  @Test
  void preconditionsAndHeadersAreChecked() {
    String e = TestData.entryId();
    String path = entries("hdr", e);
    problem(http.put(path).token(alice.token()).json(TestData.inline("x")).send(), 428, "precondition_required");
    assertEquals("If-Match", problem(http.put(path).token(alice.token()).header("If-Match", "3").json(TestData.inline("x")).send(), 400, "invalid_header").field());
    assertEquals("If-Match", problem(http.put(path).token(alice.token()).header("If-Match", "\"0\"").json(TestData.inline("x")).send(), 400, "invalid_header").field());
    assertEquals("If-None-Match", problem(http.put(path).token(alice.token()).header("If-None-Match", "\"1\"").json(TestData.inline("x")).send(), 400, "invalid_header").field());
    assertEquals("Idempotency-Key", problem(http.put(path).token(alice.token()).header("If-None-Match", "*")
        .header("Idempotency-Key", "has space").json(TestData.inline("x")).send(), 400, "invalid_header").field());
    assertEquals("entryId", problem(http.put(entries("hdr", "ABC")).token(alice.token()).header("If-None-Match", "*").json(TestData.inline("x")).send(), 400, "invalid_id").field());
    assertEquals("folder", problem(http.put(entries("bad%20folder", e)).token(alice.token()).header("If-None-Match", "*").json(TestData.inline("x")).send(), 400, "invalid_id").field());
  }

  @Test
  void entryBodiesAreValidated() {
    String e = TestData.entryId();
    String meta = TestData.b64("m");
    record Case(EntryWrite write, String field) {}
    List<Case> cases = List.of(
        new Case(new EntryWrite(true, 0, List.of(), TestData.b64("x"), meta), "inline"),
        new Case(new EntryWrite(true, 0, List.of(TestData.entryId()), null, meta), "chunks"),
        new Case(new EntryWrite(false, 1, List.of(TestData.entryId()), TestData.b64("x"), meta), "inline"),
        new Case(new EntryWrite(false, 1, List.of(), "not base64!", meta), "inline"),
        new Case(new EntryWrite(false, 1, List.of(), "A".repeat(Protocol.MAX_INLINE_CHARS + 4), meta), "inline"),
        new Case(new EntryWrite(false, 1, List.of(), TestData.b64("x"), null), "meta"),
        new Case(new EntryWrite(false, 1, List.of(), TestData.b64("x"), "A".repeat(Protocol.MAX_META_CHARS + 4)), "meta"),
        new Case(new EntryWrite(false, -1, List.of(), TestData.b64("x"), meta), "size"),
        new Case(new EntryWrite(false, 1, List.of("nothex"), null, meta), "chunks[0]"));
    for (Case c : cases) {
      Reply r = create("valid", e, Json.write(EntryWrite.class, c.write()));
      assertEquals(400, r.status(), c + " -> " + r.body());
      assertEquals(c.field(), Json.readLenient(Problem.class, r.body()).field(), c.toString());
    }
    assertEquals("size", problem(create("valid", e, "{\"deleted\":false,\"size\":\"big\"}"), 400, "invalid_field").field());
    problem(create("valid", e, "{\"size\":1,"), 400, "malformed_json");
    problem(create("valid", e, "[1,2]"), 400, "invalid_field");
    // nothing of the above was stored
    problem(http.get(entries("valid", e)).token(alice.token()).send(), 404, "not_found");
  }

  @Test
  void writesMustReferenceChunksTheHubHas() {
    byte[] data = "chunk-data".getBytes(StandardCharsets.UTF_8);
    String have = TestData.chunkId(data);
    String lack = TestData.chunkId("absent".getBytes(StandardCharsets.UTF_8));
    assertEquals(201, http.put("/v1/folders/ch/chunks/" + have).token(alice.token()).bytes(data).send().status());
    String e = TestData.entryId();
    Problem p = problem(create("ch", e, TestData.chunked(20, List.of(have, lack))), 422, "missing_chunks");
    assertTrue(p.detail().contains(lack) && !p.detail().contains(have), p.detail());
    assertEquals(200, create("ch", e, TestData.chunked(10, List.of(have, have))).status());
    EntryMeta m = Json.read(EntryMeta.class, http.get(entries("ch", e)).token(alice.token()).send().body());
    assertEquals(List.of(have, have), m.chunks());
  }

  @Test
  void idempotentRetryReturnsTheFirstAnswer() {
    String e = TestData.entryId();
    String body = TestData.inline("once");
    Reply first = http.put(entries("idem", e)).token(alice.token()).header("If-None-Match", "*").header("Idempotency-Key", "k-123").json(body).send();
    Reply retry = http.put(entries("idem", e)).token(alice.token()).header("If-None-Match", "*").header("Idempotency-Key", "k-123").json(body).send();
    assertEquals(200, first.status());
    assertEquals(200, retry.status(), retry.body());
    assertEquals(first.body(), retry.body());
    Reply reused = http.put(entries("idem", e)).token(alice.token()).header("If-Match", "\"1\"").header("Idempotency-Key", "k-123")
        .json(TestData.inline("other")).send();
    assertEquals("Idempotency-Key", problem(reused, 400, "invalid_header").field());
    EntryHistory h = Json.read(EntryHistory.class, http.get(entries("idem", e) + "/history").token(alice.token()).send().body());
    assertEquals(1, h.revisions().size());
  }

  @Test
  void headOldRevisionsAndHistory() {
    String e = TestData.entryId();
    create("hist", e, TestData.inline("r1"));
    update("hist", e, 1, TestData.inline("r2"));
    update("hist", e, 2, TestData.inline("r3"));
    EntryMeta head = Json.read(EntryMeta.class, http.get(entries("hist", e)).token(alice.token()).send().body());
    assertEquals(3, head.rev());
    assertEquals(TestData.b64("r3"), head.inline());
    assertEquals(alice.deviceId(), head.modifiedBy());
    EntryMeta r1 = Json.read(EntryMeta.class, http.get(entries("hist", e) + "?rev=1").token(alice.token()).send().body());
    assertEquals(TestData.b64("r1"), r1.inline());
    problem(http.get(entries("hist", e) + "?rev=9").token(alice.token()).send(), 404, "not_found");
    assertEquals("rev", problem(http.get(entries("hist", e) + "?rev=x").token(alice.token()).send(), 400, "invalid_field").field());
    EntryHistory h = Json.read(EntryHistory.class, http.get(entries("hist", e) + "/history").token(alice.token()).send().body());
    assertEquals(List.of(3L, 2L, 1L), h.revisions().stream().map(EntryMeta::rev).toList());
    problem(http.get(entries("hist", TestData.entryId()) + "/history").token(alice.token()).send(), 404, "not_found");
    problem(http.get(entries("hist", TestData.entryId())).token(alice.token()).send(), 404, "not_found");
  }

  @Test
  void changeFeedPagesInSeqOrder() {
    String f = "feed";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(TestData.entryId());
      create(f, ids.get(i), TestData.inline("c" + i));
    }
    update(f, ids.get(0), 1, TestData.inline("c0b")); // seq 6: entry 0 moves to the end
    ChangesPage p1 = Json.read(ChangesPage.class, http.get("/v1/folders/feed/changes?since=0&limit=3").token(alice.token()).send().body());
    assertEquals(List.of(2L, 3L, 4L), p1.changes().stream().map(EntryMeta::seq).toList());
    assertTrue(p1.more());
    assertEquals(6, p1.headSeq());
    ChangesPage p2 = Json.read(ChangesPage.class, http.get("/v1/folders/feed/changes?since=4&limit=3").token(alice.token()).send().body());
    assertEquals(List.of(5L, 6L), p2.changes().stream().map(EntryMeta::seq).toList());
    assertFalse(p2.more());
    assertEquals(ids.get(0), p2.changes().get(1).entryId());
    ChangesPage all = Json.read(ChangesPage.class, http.get("/v1/folders/feed/changes").token(alice.token()).send().body());
    assertEquals(5, all.changes().size());
    assertEquals("since", problem(http.get("/v1/folders/feed/changes?since=-1").token(alice.token()).send(), 400, "invalid_field").field());
    assertEquals("since", problem(http.get("/v1/folders/feed/changes?since=abc").token(alice.token()).send(), 400, "invalid_field").field());
    assertEquals("limit", problem(http.get("/v1/folders/feed/changes?limit=0").token(alice.token()).send(), 400, "invalid_field").field());
    assertEquals("limit", problem(http.get("/v1/folders/feed/changes?limit=" + (Protocol.MAX_CHANGES_LIMIT + 1)).token(alice.token()).send(), 400, "invalid_field").field());
  }

  // ---- chunks

  @Test
  void chunksUploadDownloadAndMissing() {
    byte[] data = "some ciphertext".getBytes(StandardCharsets.UTF_8);
    String id = TestData.chunkId(data);
    String other = TestData.chunkId("other".getBytes(StandardCharsets.UTF_8));
    String base = "/v1/folders/chunky/chunks/";
    ChunkIds missing = Json.read(ChunkIds.class, http.post(base + "missing").token(alice.token())
        .json(Json.write(ChunkIds.class, new ChunkIds(List.of(id, other, id)))).send().body());
    assertEquals(List.of(id, other), missing.ids());
    problem(http.get(base + id).token(alice.token()).send(), 404, "not_found");
    assertEquals(201, http.put(base + id).token(alice.token()).bytes(data).send().status());
    assertEquals(200, http.put(base + id).token(alice.token()).bytes("different".getBytes(StandardCharsets.UTF_8)).send().status());
    Reply got = http.get(base + id).token(alice.token()).send();
    assertEquals(200, got.status());
    assertEquals("application/octet-stream", got.contentType());
    assertTrue(Arrays.equals(data, got.bytes()), "the first upload is kept");
    assertEquals(List.of(other), Json.read(ChunkIds.class, http.post(base + "missing").token(alice.token())
        .json(Json.write(ChunkIds.class, new ChunkIds(List.of(id, other)))).send().body()).ids());
    assertEquals("ids[1]", problem(http.post(base + "missing").token(alice.token()).json("{\"ids\":[\"" + id + "\",\"zz\"]}").send(), 400, "invalid_id").field());
    assertEquals("chunkId", problem(http.get(base + "nothex").token(alice.token()).send(), 400, "invalid_id").field());
    problem(http.put(base + other).token(alice.token()).bytes(new byte[Protocol.MAX_CHUNK_BYTES + 1]).send(), 413, "payload_too_large");
    problem(http.put(base + other).token(alice.token()).header("Content-Type", "text/plain").send(), 415, "unsupported_media_type");
  }

  @Test
  void jsonBodiesHaveASizeCap() {
    byte[] big = new byte[Protocol.MAX_JSON_BODY + 10];
    Arrays.fill(big, (byte) ' ');
    Reply r = http.post("/v1/folders/big/batch").token(alice.token()).bytes(big).header("Content-Type", "application/json").send();
    problem(r, 413, "payload_too_large");
    assertEquals(200, http.get("/healthz").send().status());
  }

  // ---- batch

  @Test
  void batchAppliesEachWriteOnItsOwn() {
    String f = "batchy";
    String a = TestData.entryId();
    String b = TestData.entryId();
    create(f, b, TestData.inline("exists")); // seq 1
    EntryWrite w = new EntryWrite(false, 1, List.of(), TestData.b64("x"), TestData.b64("m"));
    List<BatchWrite> writes = List.of(
        new BatchWrite(a, 0, "ka", w),                                    // ok: seq 2
        new BatchWrite(b, 0, null, w),                                    // 409: exists
        new BatchWrite("bad", 0, null, w),                                // 400 invalid_id
        new BatchWrite(TestData.entryId(), 0, null,
            new EntryWrite(false, 1, List.of(TestData.entryId()), null, TestData.b64("m"))), // 422
        new BatchWrite(b, 1, null, w));                                   // ok: seq 3
    String body = Json.write(BatchRequest.class, new BatchRequest(writes));
    Reply r = http.post("/v1/folders/" + f + "/batch").token(alice.token()).json(body).send();
    assertEquals(200, r.status(), r.body());
    var results = Json.read(BatchResponse.class, r.body()).results();
    assertEquals(List.of(200, 409, 400, 422, 200), results.stream().map(x -> x.status()).toList());
    assertEquals(2, results.get(0).seq());
    assertEquals(1, results.get(1).current().rev());
    assertEquals("invalid_id", results.get(2).code());
    assertEquals("missing_chunks", results.get(3).code());
    assertEquals(2, results.get(4).rev());
    assertEquals(3, results.get(4).seq());
    // retrying the same batch: the idempotent item answers as before, the others fail their CAS now
    var again = Json.read(BatchResponse.class, http.post("/v1/folders/" + f + "/batch").token(alice.token()).json(body).send().body()).results();
    assertEquals(200, again.get(0).status());
    assertEquals(2, again.get(0).seq());
    assertEquals(409, again.get(4).status());
    List<BatchWrite> tooMany = new ArrayList<>();
    for (int i = 0; i <= Protocol.MAX_BATCH_WRITES; i++) tooMany.add(new BatchWrite(TestData.entryId(), 0, null, w));
    assertEquals("writes", problem(http.post("/v1/folders/" + f + "/batch").token(alice.token())
        .json(Json.write(BatchRequest.class, new BatchRequest(tooMany))).send(), 400, "invalid_field").field());
  }

  // ---- garbage

  @Test
  void garbageNeverTakesTheHubDown() {
    Random rnd = new Random(42);
    String e = TestData.entryId();
    List<String> jsonRoutes = List.of("/v1/accounts", "/v1/sessions", "/v1/folders/g/chunks/missing", "/v1/folders/g/batch");
    for (int i = 0; i < 40; i++) {
      byte[] junk = new byte[rnd.nextInt(300)];
      rnd.nextBytes(junk);
      String route = jsonRoutes.get(i % jsonRoutes.size());
      Reply r = http.post(route).token(alice.token()).bytes(junk).header("Content-Type", "application/json").send();
      assertTrue(r.status() >= 400 && r.status() < 500, route + " -> " + r.status() + " " + r.body());
      assertTrue(r.contentType().startsWith(Problem.MEDIA_TYPE), r.contentType());
      Reply put = http.put(entries("g", e)).token(alice.token()).header("If-None-Match", "*").bytes(junk)
          .header("Content-Type", "application/json").send();
      assertEquals(400, put.status(), put.body());
    }
    for (String nasty : List.of("null", "[]", "\"str\"", "{\"writes\":null}", "{\"writes\":[null]}", "{\"ids\":[null]}", "1e999999")) {
      Reply r = http.post("/v1/folders/g/batch").token(alice.token()).json(nasty).send();
      assertTrue(r.status() == 400 || r.status() == 200, nasty + " -> " + r.status() + " " + r.body());
      assertTrue(r.status() == 200 || r.contentType().startsWith(Problem.MEDIA_TYPE));
    }
    assertEquals(200, http.get("/healthz").send().status());
    assertEquals(200, http.get("/v1/folders/g").token(alice.token()).send().status());
  }
}
