package dev.ferry.daemon.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.protocol.AccountCreated;
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
import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;
import dev.ferry.protocol.SessionRequest;
import dev.ferry.protocol.SessionResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted hub on a loopback port: request shapes, decoding, failures. */
class HubClientTest {
  static final String TOKEN = "tok_S3cretDeviceToken_0123456789";
  static final String E1 = "a".repeat(64);
  static final String E2 = "b".repeat(64);
  static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  private static OkHttpClient http;
  private MockWebServer server;
  private HubClient hub;

  @BeforeAll
  static void sharedClient() {
    http = HubHttpClients.create("9.9.9-test");
  }

  @AfterAll
  static void closeClient() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    hub = new HubClient(server.url("/"), TOKEN, http);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  static String chunkId(int i) {
    return String.format("%064x", i);
  }

  static EntryMeta meta(String id, long rev, long seq) {
    return new EntryMeta(id, rev, seq, false, 10, List.of(chunkId(1)), null, "bWV0YQ==", "dev-laptop1", T);
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  static <T> MockResponse json(int status, Class<T> type, T value) {
    return json(status, Json.write(type, value));
  }

  static MockResponse problem(Problem p) {
    return new MockResponse().setResponseCode(p.status()).setHeader("Content-Type", Problem.MEDIA_TYPE)
        .setBody(Json.write(Problem.class, p));
  }

  RecordedRequest taken() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("the client sent no request");
    return r;
  }

  static void assertAuthed(RecordedRequest r) {
    assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"));
    assertEquals("ferry/9.9.9-test", r.getHeader("User-Agent"));
  }

  static HubException assertFails(ErrorCategory category, ThrowingCall call) {
    HubException e = assertThrows(HubException.class, call::run);
    assertEquals(category, e.category(), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    return e;
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  // ---- every route: request shape and decoding --------------------------------------------

  @Test
  void kdfNeedsNoTokenAndDecodes() throws Exception {
    KdfParams params = new KdfParams(KdfParams.ARGON2ID, "c2FsdHNhbHRzYWx0c2FsdA==", 65536, 3, 1);
    server.enqueue(json(200, KdfParams.class, params));
    assertEquals(params, hub.kdf("alice"));
    RecordedRequest r = taken();
    assertEquals("GET", r.getMethod());
    assertEquals("/v1/accounts/alice/kdf", r.getPath());
    assertNull(r.getHeader("Authorization"));
    assertEquals("ferry/9.9.9-test", r.getHeader("User-Agent"));
  }

  @Test
  void createAccountPostsTheRequest() throws Exception {
    KdfParams kdf = new KdfParams(KdfParams.ARGON2ID, "c2FsdHNhbHRzYWx0c2FsdA==", 65536, 3, 1);
    CreateAccountRequest request = new CreateAccountRequest("alice", "YXV0aGtleQ==", kdf, "invite-1234");
    server.enqueue(json(201, AccountCreated.class, new AccountCreated("alice", T)));
    assertEquals(new AccountCreated("alice", T), hub.createAccount(request));
    RecordedRequest r = taken();
    assertEquals("POST", r.getMethod());
    assertEquals("/v1/accounts", r.getPath());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
    assertNull(r.getHeader("Authorization"));
    assertEquals(request, Json.read(CreateAccountRequest.class, r.getBody().readUtf8()));
  }

  @Test
  void createSessionReturnsTheDeviceToken() throws Exception {
    SessionRequest request = new SessionRequest("alice", "YXV0aGtleQ==", "laptop");
    server.enqueue(json(200, SessionResponse.class, new SessionResponse("dev_abcdefgh", "newtoken_12345678")));
    HubClient anonymous = new HubClient(URI.create(server.url("/").toString()), null, http);
    SessionResponse session = anonymous.createSession(request);
    assertEquals("dev_abcdefgh", session.deviceId());
    RecordedRequest r = taken();
    assertEquals("POST /v1/sessions HTTP/1.1", r.getRequestLine());
    assertEquals(request, Json.read(SessionRequest.class, r.getBody().readUtf8()));

    server.enqueue(json(200, "{\"devices\":[]}"));
    anonymous.withToken(session.token()).devices();
    assertEquals("Bearer newtoken_12345678", taken().getHeader("Authorization"));
  }

  @Test
  void devicesAndRevoke() throws Exception {
    server.enqueue(json(200, "{\"devices\":[{\"id\":\"dev_abcdefgh\",\"name\":\"laptop\",\"createdAt\":\"2025-03-01T12:00:00Z\","
        + "\"lastSeenAt\":\"2025-03-01T12:00:00Z\",\"current\":true,\"futureField\":1}]}"));
    DeviceList list = hub.devices();
    assertEquals(1, list.devices().size());
    assertEquals("laptop", list.devices().get(0).name());
    RecordedRequest r = taken();
    assertEquals("GET /v1/devices HTTP/1.1", r.getRequestLine());
    assertAuthed(r);

    server.enqueue(new MockResponse().setResponseCode(204));
    hub.revokeDevice("dev_abcdefgh");
    r = taken();
    assertEquals("DELETE /v1/devices/dev_abcdefgh HTTP/1.1", r.getRequestLine());
    assertAuthed(r);
  }

  @Test
  void putFolderKeyStoresOrAdoptsTheExistingKey() throws Exception {
    server.enqueue(json(200, FolderKey.class, new FolderKey("bWluZQ==")));
    assertEquals(new FolderKey("bWluZQ=="), hub.putFolderKey("docs", new FolderKey("bWluZQ==")));
    RecordedRequest r = taken();
    assertEquals("PUT /v1/folders/docs/key HTTP/1.1", r.getRequestLine());
    assertAuthed(r);
    assertEquals(new FolderKey("bWluZQ=="), Json.read(FolderKey.class, r.getBody().readUtf8()));

    // Another device won the race: the client fetches and returns the stored key.
    server.enqueue(problem(Problem.of(ProblemCode.KEY_EXISTS, "the folder has a key")));
    server.enqueue(json(200, FolderKey.class, new FolderKey("dGhlaXJz")));
    assertEquals(new FolderKey("dGhlaXJz"), hub.putFolderKey("docs", new FolderKey("bWluZQ==")));
    assertEquals("PUT", taken().getMethod());
    assertEquals("GET /v1/folders/docs/key HTTP/1.1", taken().getRequestLine());

    // A 409 that is not key_exists is not quietly "handled".
    server.enqueue(problem(Problem.of(ProblemCode.ACCOUNT_EXISTS, "odd")));
    assertFails(ErrorCategory.CONFLICT, () -> hub.putFolderKey("docs", new FolderKey("bWluZQ==")));
  }

  @Test
  void folderKeyAbsenceIsOnlyTheHubsOwnNotFound() throws Exception {
    server.enqueue(json(200, FolderKey.class, new FolderKey("a2V5")));
    assertEquals(Optional.of(new FolderKey("a2V5")), hub.folderKey("docs"));
    assertEquals("GET /v1/folders/docs/key HTTP/1.1", taken().getRequestLine());

    server.enqueue(problem(Problem.of(ProblemCode.NOT_FOUND, "no key yet")));
    assertEquals(Optional.empty(), hub.folderKey("docs"));

    // A proxy's bare 404 (wrong server URL) must not read as "no key": that would mint a second key.
    server.enqueue(new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/plain").setBody("Not Found"));
    HubException e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.folderKey("docs"));
    assertTrue(e.getMessage().contains("check the server URL"), e.getMessage());
  }

  @Test
  void folderStatus() throws Exception {
    FolderStatus status = new FolderStatus("docs", 42, 10, 2, 12, 4096, T, "dev_abcdefgh");
    server.enqueue(json(200, FolderStatus.class, status));
    assertEquals(status, hub.folderStatus("docs"));
    RecordedRequest r = taken();
    assertEquals("GET /v1/folders/docs HTTP/1.1", r.getRequestLine());
    assertAuthed(r);
  }

  @Test
  void changesSendsSinceAndLimitAndChecksOrder() throws Exception {
    ChangesPage page = new ChangesPage(List.of(meta(E1, 2, 6), meta(E2, 1, 7)), 9, true);
    server.enqueue(json(200, ChangesPage.class, page));
    assertEquals(page, hub.changes("docs", 5, 2));
    RecordedRequest r = taken();
    assertEquals("GET /v1/folders/docs/changes?since=5&limit=2 HTTP/1.1", r.getRequestLine());
    assertAuthed(r);

    server.enqueue(json(200, ChangesPage.class, new ChangesPage(List.of(meta(E1, 2, 7), meta(E2, 1, 6)), 9, false)));
    HubException e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.changes("docs", 5, 10));
    assertTrue(e.getMessage().contains("hub sent an invalid answer for GET /v1/folders/docs/changes"), e.getMessage());

    server.enqueue(json(200, ChangesPage.class, new ChangesPage(List.of(meta(E1, 2, 5)), 9, false)));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.changes("docs", 5, 10));

    server.enqueue(json(200, ChangesPage.class, new ChangesPage(List.of(), 9, true)));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.changes("docs", 5, 10));

    assertThrows(IllegalArgumentException.class, () -> hub.changes("docs", -1, 10));
    assertThrows(IllegalArgumentException.class, () -> hub.changes("docs", 0, Protocol.MAX_CHANGES_LIMIT + 1));
  }

  @Test
  void missingChunksSplitsLargeQueriesAndKeepsOrder() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < Protocol.MAX_MISSING_QUERY + 3; i++) ids.add(chunkId(i));
    ids.add(chunkId(0)); // duplicates are asked once
    String last = chunkId(Protocol.MAX_MISSING_QUERY + 2);
    server.enqueue(json(200, ChunkIds.class, new ChunkIds(List.of(chunkId(7), chunkId(3)))));
    server.enqueue(json(200, ChunkIds.class, new ChunkIds(List.of(last))));
    Set<String> missing = hub.missingChunks("docs", ids);
    assertEquals(List.of(chunkId(3), chunkId(7), last), List.copyOf(missing));

    RecordedRequest first = taken();
    assertEquals("POST /v1/folders/docs/chunks/missing HTTP/1.1", first.getRequestLine());
    assertAuthed(first);
    assertEquals(Protocol.MAX_MISSING_QUERY, Json.read(ChunkIds.class, first.getBody().readUtf8()).ids().size());
    assertEquals(List.of(chunkId(Protocol.MAX_MISSING_QUERY), chunkId(Protocol.MAX_MISSING_QUERY + 1), last),
        Json.read(ChunkIds.class, taken().getBody().readUtf8()).ids());

    assertEquals(Set.of(), hub.missingChunks("docs", List.of()));
    assertEquals(2, server.getRequestCount(), "an empty question is not sent");

    server.enqueue(json(200, ChunkIds.class, new ChunkIds(List.of(chunkId(99)))));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.missingChunks("docs", List.of(chunkId(1))));
  }

  @Test
  void putAndGetChunk() throws Exception {
    byte[] sealed = {1, 2, 3, (byte) 0xff};
    server.enqueue(new MockResponse().setResponseCode(201));
    hub.putChunk("docs", chunkId(5), sealed);
    RecordedRequest r = taken();
    assertEquals("PUT /v1/folders/docs/chunks/" + chunkId(5) + " HTTP/1.1", r.getRequestLine());
    assertEquals("application/octet-stream", r.getHeader("Content-Type"));
    assertAuthed(r);
    assertArrayEquals(sealed, r.getBody().readByteArray());

    server.enqueue(new MockResponse().setHeader("Content-Type", "application/octet-stream")
        .setBody(new Buffer().write(sealed)));
    assertArrayEquals(sealed, hub.getChunk("docs", chunkId(5)));
    assertEquals("GET /v1/folders/docs/chunks/" + chunkId(5) + " HTTP/1.1", taken().getRequestLine());

    assertFails(ErrorCategory.INVALID_DATA, () -> hub.putChunk("docs", chunkId(5), new byte[Protocol.MAX_CHUNK_BYTES + 1]));
    assertEquals(2, server.getRequestCount(), "an oversized chunk is refused before sending");
  }

  @Test
  void getChunkRefusesOversizedAnswers() throws Exception {
    Buffer big = new Buffer().write(new byte[Protocol.MAX_CHUNK_BYTES + 1]);
    // Declared by Content-Length: refused from the header alone.
    server.enqueue(new MockResponse().setBody(big.clone()));
    HubException e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.getChunk("docs", chunkId(5)));
    assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
    // Chunked, length unknown: refused once the limit is crossed.
    server.enqueue(new MockResponse().setChunkedBody(big, 1 << 20));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.getChunk("docs", chunkId(5)));
  }

  @Test
  void putEntryCreatesWithIfNoneMatch() throws Exception {
    EntryWrite write = new EntryWrite(false, 3, List.of(), "aW5saW5l", "bWV0YQ==");
    server.enqueue(json(200, "{\"entryId\":\"" + E1 + "\",\"rev\":1,\"seq\":17}"));
    WriteOutcome outcome = hub.putEntry("docs", E1, 0, "idem-1", write);
    assertEquals(new WriteOutcome.Accepted(new dev.ferry.protocol.WriteResult(E1, 1, 17)), outcome);
    RecordedRequest r = taken();
    assertEquals("PUT /v1/folders/docs/entries/" + E1 + " HTTP/1.1", r.getRequestLine());
    assertAuthed(r);
    assertEquals("*", r.getHeader("If-None-Match"));
    assertNull(r.getHeader("If-Match"));
    assertEquals("idem-1", r.getHeader("Idempotency-Key"));
    assertEquals(write, Json.read(EntryWrite.class, r.getBody().readUtf8()));
  }

  @Test
  void putEntryUpdatesWithIfMatchAndReportsConflicts() throws Exception {
    EntryWrite write = new EntryWrite(false, 10, List.of(chunkId(1)), null, "bWV0YQ==");
    server.enqueue(json(200, "{\"entryId\":\"" + E1 + "\",\"rev\":4,\"seq\":20}"));
    assertTrue(hub.putEntry("docs", E1, 3, "idem-2", write) instanceof WriteOutcome.Accepted);
    RecordedRequest r = taken();
    assertEquals("\"3\"", r.getHeader("If-Match"));
    assertNull(r.getHeader("If-None-Match"));

    EntryMeta head = meta(E1, 5, 21);
    server.enqueue(problem(Problem.of(ProblemCode.REV_MISMATCH, "head is 5").withCurrent(head)));
    assertEquals(new WriteOutcome.Conflict(head), hub.putEntry("docs", E1, 3, "idem-3", write));

    server.enqueue(problem(Problem.of(ProblemCode.MISSING_CHUNKS, "chunk 1 is missing")));
    HubException e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.putEntry("docs", E1, 3, "idem-4", write));
    assertEquals(Optional.of(ProblemCode.MISSING_CHUNKS), e.code());
    assertEquals(422, e.status());

    // An "accepted" rev that is not base + 1 breaks invariant 7: the hub is not trusted.
    server.enqueue(json(200, "{\"entryId\":\"" + E1 + "\",\"rev\":9,\"seq\":20}"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.putEntry("docs", E1, 3, "idem-5", write));

    // A conflict head for another entry is garbage too.
    server.enqueue(problem(Problem.of(ProblemCode.REV_MISMATCH, "x").withCurrent(meta(E2, 5, 21))));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.putEntry("docs", E1, 3, "idem-6", write));

    assertThrows(IllegalArgumentException.class, () -> hub.putEntry("docs", E1, 3, "bad key", write));
    assertThrows(IllegalArgumentException.class, () -> hub.putEntry("docs", E1, -1, "k", write));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.putEntry("docs", "not-hex", 3, "k", write));
  }

  @Test
  void batchSendsWritesAndChecksResultsLineUp() throws Exception {
    EntryWrite w = new EntryWrite(false, 1, List.of(), "YQ==", "bQ==");
    BatchRequest request = new BatchRequest(List.of(new BatchWrite(E1, 0, "k1", w), new BatchWrite(E2, 2, "k2", w)));
    String answer = "{\"results\":[{\"entryId\":\"" + E1 + "\",\"status\":200,\"rev\":1,\"seq\":30},"
        + "{\"entryId\":\"" + E2 + "\",\"status\":409,\"code\":\"rev_mismatch\",\"rev\":0,\"seq\":0,\"current\":"
        + Json.write(EntryMeta.class, meta(E2, 4, 29)) + "}]}";
    server.enqueue(json(200, answer));
    BatchResponse response = hub.batch("docs", request);
    assertEquals(200, response.results().get(0).status());
    assertEquals(meta(E2, 4, 29), response.results().get(1).current());
    RecordedRequest r = taken();
    assertEquals("POST /v1/folders/docs/batch HTTP/1.1", r.getRequestLine());
    assertAuthed(r);
    // Built from the writes' own JSON texts: the very body the request's adapter writes.
    assertEquals(Json.write(BatchRequest.class, request), r.getBody().readUtf8());
    assertEquals(String.valueOf(r.getBodySize()), r.getHeader("Content-Length"));

    server.enqueue(json(200, "{\"results\":[{\"entryId\":\"" + E1 + "\",\"status\":200,\"rev\":1,\"seq\":30}]}"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.batch("docs", request));
    assertThrows(IllegalArgumentException.class, () -> hub.batch("docs", new BatchRequest(List.of())));
  }

  @Test
  void entryHeadOrRevisionAndHistory() throws Exception {
    server.enqueue(json(200, EntryMeta.class, meta(E1, 5, 21)));
    assertEquals(meta(E1, 5, 21), hub.entry("docs", E1, null));
    assertEquals("GET /v1/folders/docs/entries/" + E1 + " HTTP/1.1", taken().getRequestLine());

    server.enqueue(json(200, EntryMeta.class, meta(E1, 2, 8)));
    assertEquals(meta(E1, 2, 8), hub.entry("docs", E1, 2L));
    RecordedRequest r = taken();
    assertEquals("GET /v1/folders/docs/entries/" + E1 + "?rev=2 HTTP/1.1", r.getRequestLine());
    assertAuthed(r);

    server.enqueue(json(200, EntryMeta.class, meta(E1, 3, 8)));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.entry("docs", E1, 2L));
    taken();

    server.enqueue(problem(Problem.of(ProblemCode.NOT_FOUND, "no such entry")));
    HubException e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.entry("docs", E1, null));
    assertEquals(Optional.of(ProblemCode.NOT_FOUND), e.code());
    taken();

    EntryHistory history = new EntryHistory(E1, List.of(meta(E1, 5, 21), meta(E1, 4, 15)));
    server.enqueue(json(200, EntryHistory.class, history));
    assertEquals(history, hub.history("docs", E1));
    assertEquals("GET /v1/folders/docs/entries/" + E1 + "/history HTTP/1.1", taken().getRequestLine());
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    server.enqueue(json(200, Health.class, new Health("ok", "0.1.0", 1)));
    assertEquals(new Health("ok", "0.1.0", 1), new HubClient(server.url("/"), null, http).health());
    RecordedRequest r = taken();
    assertEquals("GET /healthz HTTP/1.1", r.getRequestLine());
    assertNull(r.getHeader("Authorization"));
  }

  @Test
  void aBasePathPrefixIsKept() throws Exception {
    HubClient behindProxy = new HubClient(server.url("/ferry/"), TOKEN, http);
    server.enqueue(json(200, "{\"devices\":[]}"));
    behindProxy.devices();
    assertEquals("/ferry/v1/devices", taken().getPath());
    server.enqueue(json(200, Health.class, new Health("ok", "0.1.0", 1)));
    new HubClient(server.url("/ferry"), null, http).health();
    assertEquals("/ferry/healthz", taken().getPath());
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsSent() {
    HubClient anonymous = new HubClient(server.url("/"), null, http);
    HubException e = assertFails(ErrorCategory.AUTH, anonymous::devices);
    assertTrue(e.getMessage().contains("ferry login"), e.getMessage());
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.folderStatus("../etc"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.kdf("a/b"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.revokeDevice("x"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.getChunk("docs", "ABC"));
    assertEquals(0, server.getRequestCount());
    assertThrows(IllegalArgumentException.class, () -> new HubClient(URI.create("ftp://hub/"), null, http));
  }

  // ---- a hub that misbehaves -----------------------------------------------------------------

  @Test
  void garbageAndTruncatedJsonAreInvalidData() {
    server.enqueue(json(200, "<html>surprise</html>"));
    HubException e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.changes("docs", 0, 10));
    assertTrue(e.getMessage().startsWith("hub sent malformed JSON for GET /v1/folders/docs/changes: "), e.getMessage());
    assertFalse(e.retryable());

    server.enqueue(json(200, "{\"changes\":[{\"entryId\":\"" + E1 + "\","));
    e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.changes("docs", 0, 10));
    assertTrue(e.getMessage().contains("ends too early"), e.getMessage());

    server.enqueue(json(200, "{\"headSeq\":\"nine\"}"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.changes("docs", 0, 10));

    server.enqueue(json(200, "{\"ids\":[null]}"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.missingChunks("docs", List.of(chunkId(1))));

    server.enqueue(json(200, "{\"wrappedKey\":\"a2V5\"} trailing"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.folderKey("docs"));

    server.enqueue(json(200, ""));
    e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.folderStatus("docs"));
    assertTrue(e.getMessage().contains("empty body"), e.getMessage());

    server.enqueue(json(200, "null"));
    assertFails(ErrorCategory.INVALID_DATA, () -> hub.folderStatus("docs"));
  }

  @Test
  void aConnectionCutMidBodyIsANetworkError() {
    server.enqueue(json(200, ChangesPage.class, new ChangesPage(List.of(meta(E1, 1, 1), meta(E2, 1, 2)), 2, false))
        .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    HubException e = assertFails(ErrorCategory.NETWORK, () -> hub.changes("docs", 0, 10));
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("during GET /v1/folders/docs/changes"), e.getMessage());
  }

  @Test
  void serverErrorsAreRetryable() {
    server.enqueue(problem(Problem.of(ProblemCode.INTERNAL, "database is locked")));
    HubException e = assertFails(ErrorCategory.SERVER, () -> hub.folderStatus("docs"));
    assertEquals("hub answered 500 internal for GET /v1/folders/docs: database is locked", e.getMessage());
    assertEquals(500, e.status());
    assertEquals(Optional.of(ProblemCode.INTERNAL), e.code());
    assertTrue(e.retryable());

    server.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
        .setBody("<html><body>502 Bad Gateway</body></html>"));
    e = assertFails(ErrorCategory.SERVER, () -> hub.folderStatus("docs"));
    assertTrue(e.getMessage().contains("without a problem document (text/html)"), e.getMessage());
    assertEquals(Optional.empty(), e.problem());

    server.enqueue(problem(Problem.of(ProblemCode.UNAVAILABLE, "shutting down")).setHeader("Retry-After", "5"));
    e = assertFails(ErrorCategory.SERVER, () -> hub.folderStatus("docs"));
    assertEquals(Optional.of(Duration.ofSeconds(5)), e.retryAfter());
  }

  @Test
  void rateLimitingCarriesRetryAfter() {
    server.enqueue(problem(Problem.of(ProblemCode.RATE_LIMITED, "slow down").withRetryAfter(30))
        .setHeader("Retry-After", "7"));
    HubException e = assertFails(ErrorCategory.RATE_LIMITED, () -> hub.createSession(
        new SessionRequest("alice", "YXV0aGtleQ==", "laptop")));
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    assertEquals(Optional.of(ProblemCode.RATE_LIMITED), e.code());
    assertTrue(e.retryable());
  }

  @Test
  void authFailuresAreNotRetriedAndNeverShowTheToken() {
    // A hub that echoes the token back in its detail still does not get it into a message.
    server.enqueue(problem(Problem.of(ProblemCode.UNAUTHORIZED, "token " + TOKEN + " was revoked")));
    HubException e = assertFails(ErrorCategory.AUTH, () -> hub.devices());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("may have been revoked"), e.getMessage());
    assertFalse(e.problem().orElseThrow().detail().contains(TOKEN));

    server.enqueue(new MockResponse().setResponseCode(401).setBody("Authorization: Bearer " + TOKEN));
    assertFails(ErrorCategory.AUTH, () -> hub.devices());

    server.enqueue(problem(Problem.of(ProblemCode.INVALID_CREDENTIALS, null)));
    e = assertFails(ErrorCategory.AUTH, () -> hub.createSession(new SessionRequest("alice", "YXV0aGtleQ==", "laptop")));
    assertTrue(e.getMessage().contains("wrong user name or password"), e.getMessage());

    server.enqueue(problem(Problem.of(ProblemCode.INVITE_INVALID, "invite used on 2025-02-01")));
    e = assertFails(ErrorCategory.AUTH, () -> hub.createAccount(new CreateAccountRequest("alice", "YXV0aGtleQ==",
        new KdfParams(KdfParams.ARGON2ID, "c2FsdA==", 65536, 3, 1), "invite-1234")));
    assertTrue(e.getMessage().contains("invite used on 2025-02-01"), e.getMessage());

    assertFalse(hub.toString().contains(TOKEN), hub.toString());
    assertTrue(hub.toString().contains(server.url("/").host()));
  }

  @Test
  void aSlowHubTimesOut() {
    OkHttpClient impatient = http.newBuilder().readTimeout(Duration.ofMillis(200)).build();
    HubClient slowHub = new HubClient(server.url("/"), TOKEN, impatient);
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    HubException e = assertFails(ErrorCategory.TIMEOUT, slowHub::devices);
    assertTrue(e.getMessage().contains("did not answer GET /v1/devices in time"), e.getMessage());
    assertTrue(e.retryable());
  }

  @Test
  void redirectsAreNotFollowedSoTheTokenStaysHome() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "http://elsewhere.invalid/v1/devices"));
    HubException e = assertFails(ErrorCategory.INVALID_DATA, () -> hub.devices());
    assertTrue(e.getMessage().contains("redirected to http://elsewhere.invalid/v1/devices"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void anUnreachableHubIsANetworkError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HubClient nobody = new HubClient(URI.create("http://127.0.0.1:" + port + "/"), TOKEN, http);
    HubException e = assertFails(ErrorCategory.NETWORK, nobody::devices);
    assertEquals("hub at http://127.0.0.1:" + port + " unreachable: connection refused", e.getMessage());
    assertTrue(e.retryable());
  }
}
