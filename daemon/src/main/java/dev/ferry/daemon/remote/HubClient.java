package dev.ferry.daemon.remote;

import static dev.ferry.daemon.core.ErrorCategory.AUTH;
import static dev.ferry.daemon.core.ErrorCategory.CONFLICT;
import static dev.ferry.daemon.core.ErrorCategory.INVALID_DATA;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.ferry.protocol.AccountCreated;
import dev.ferry.protocol.BatchRequest;
import dev.ferry.protocol.BatchResponse;
import dev.ferry.protocol.BatchResult;
import dev.ferry.protocol.BatchWrite;
import dev.ferry.protocol.ChangeEvent;
import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.ChunkIds;
import dev.ferry.protocol.CreateAccountRequest;
import dev.ferry.protocol.DeviceInfo;
import dev.ferry.protocol.DeviceList;
import dev.ferry.protocol.EntryHistory;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.FolderKey;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.protocol.Health;
import dev.ferry.protocol.Ids;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.KdfParams;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;
import dev.ferry.protocol.SessionRequest;
import dev.ferry.protocol.SessionResponse;
import dev.ferry.protocol.WriteResult;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The daemon's side of the hub HTTP API (SPEC §5), one instance per account and hub.
 * Thread-safe: it holds only immutable state and OkHttp's shared client.
 *
 * <p>Every method either returns a decoded, checked answer or throws a {@link HubException}
 * whose category says whether to retry. Answers are checked against the protocol's rules
 * (id shapes, seq order, rev arithmetic) so a broken or hostile hub is reported as
 * {@code INVALID_DATA} here rather than confusing the engine later. Ids are checked before
 * sending too; a bad number (negative seq, zero limit) is a caller bug and throws
 * {@link IllegalArgumentException}.
 */
public final class HubClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  /** Guards against a hub that never stops sending; far above any legitimate page. */
  static final long MAX_JSON_ANSWER = 512L * 1024 * 1024;
  /** Enough of an error body to find the problem document or quote a proxy's page. */
  private static final long MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_IDEMPOTENCY_KEY = 200;
  private static final String REDACTED = "<redacted>";

  private final HttpUrl base;
  private final String token;
  private final OkHttpClient http;
  private final OkHttpClient eventsHttp;
  private final Clock clock;
  /** The base URL as shown in messages: no user info, no trailing slash. */
  private final String hub;

  /**
   * @param base the hub's root URL (a path prefix such as {@code https://host/ferry/} is kept)
   * @param tokenOrNull the device token; null before login (only kdf, accounts, sessions and
   *     health work then)
   * @param http the daemon's shared client, see {@link HubHttpClients#create(String)}
   */
  public HubClient(HttpUrl base, String tokenOrNull, OkHttpClient http) {
    this(base, tokenOrNull, http, HubHttpClients.forEvents(http), Clock.systemUTC());
  }

  /** Like the {@link HttpUrl} constructor; {@code base} must be an http or https URL. */
  public HubClient(URI base, String tokenOrNull, OkHttpClient http) {
    this(toHttpUrl(base), tokenOrNull, http);
  }

  private HubClient(HttpUrl base, String token, OkHttpClient http, OkHttpClient eventsHttp, Clock clock) {
    Objects.requireNonNull(base, "base");
    this.base = base.newBuilder().username("").password("").query(null).fragment(null).build();
    if (token != null && (token.isBlank() || !isHeaderSafe(token))) {
      throw new IllegalArgumentException("device token is blank or has characters a header cannot carry");
    }
    this.token = token;
    this.http = Objects.requireNonNull(http, "http");
    this.eventsHttp = eventsHttp;
    this.clock = clock;
    String shown = this.base.toString();
    this.hub = shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
  }

  /** The same hub and HTTP client with another device token (after {@link #createSession}). */
  public HubClient withToken(String token) {
    return new HubClient(base, Objects.requireNonNull(token, "token"), http, eventsHttp, clock);
  }

  /**
   * The same client with another read timeout on event streams: how long a stream may stay
   * silent (no event, no keep-alive) before it counts as stalled and fails as TIMEOUT.
   */
  public HubClient withEventsReadTimeout(java.time.Duration timeout) {
    return new HubClient(base, token, http, eventsHttp.newBuilder().readTimeout(timeout).build(), clock);
  }

  public HttpUrl base() { return base; }

  public boolean hasToken() { return token != null; }

  @Override
  public String toString() {
    return "HubClient[" + hub + (token == null ? ", no token]" : ", token " + REDACTED + "]");
  }

  // ---- accounts and devices ------------------------------------------------------------

  /** {@code GET /v1/accounts/{user}/kdf}: the public Argon2id parameters of an account. */
  public KdfParams kdf(String user) throws HubException {
    requireName("user name", user, Ids.isUserName(user));
    Request req = new Request.Builder().url(url("accounts", user, "kdf")).get().build();
    return call(req, KdfParams.class, k -> {
      need(k.algorithm() != null && !k.algorithm().isBlank(), "algorithm is missing");
      need(k.salt() != null && !k.salt().isBlank(), "salt is missing");
      need(k.memoryKiB() > 0 && k.iterations() > 0 && k.parallelism() > 0, "Argon2id costs must be positive");
    });
  }

  /** {@code POST /v1/accounts}: creates the account (201). */
  public AccountCreated createAccount(CreateAccountRequest request) throws HubException {
    Objects.requireNonNull(request, "request");
    requireName("user name", request.user(), Ids.isUserName(request.user()));
    Request req = new Request.Builder().url(url("accounts"))
        .post(json(CreateAccountRequest.class, request)).build();
    return call(req, AccountCreated.class, a -> need(a.user() != null, "user is missing"));
  }

  /** {@code POST /v1/sessions}: logs a new device in; the answer carries its bearer token. */
  public SessionResponse createSession(SessionRequest request) throws HubException {
    Objects.requireNonNull(request, "request");
    requireName("user name", request.user(), Ids.isUserName(request.user()));
    Request req = new Request.Builder().url(url("sessions"))
        .post(json(SessionRequest.class, request)).build();
    return call(req, SessionResponse.class, s -> {
      need(Ids.isDeviceId(s.deviceId()), "device id is missing or malformed");
      need(s.token() != null && !s.token().isBlank() && isHeaderSafe(s.token()), "token is missing or malformed");
    });
  }

  /** {@code GET /v1/devices}: the account's devices that are not revoked. */
  public DeviceList devices() throws HubException {
    Request req = authed(url("devices")).get().build();
    return call(req, DeviceList.class, list -> {
      for (DeviceInfo d : list.devices()) need(d != null && d.id() != null, "a device has no id");
    });
  }

  /** {@code DELETE /v1/devices/{id}}: revokes a device; its token stops working at once. */
  public void revokeDevice(String id) throws HubException {
    requireName("device id", id, Ids.isDeviceId(id));
    callNoContent(authed(url("devices", id)).delete().build());
  }

  // ---- folders -------------------------------------------------------------------------

  /**
   * {@code PUT /v1/folders/{folder}/key}. The first key stored wins: when another device got
   * there first (409 {@code key_exists}) this returns the stored key, which the caller must
   * use instead of its own.
   */
  public FolderKey putFolderKey(String folder, FolderKey key) throws HubException {
    requireFolder(folder);
    Objects.requireNonNull(key, "key");
    Request req = authed(url("folders", folder, "key")).put(json(FolderKey.class, key)).build();
    try (Response resp = send(req)) {
      if (resp.isSuccessful()) return decode(req, resp, FolderKey.class, HubClient::checkKey);
      ErrorAnswer answer = readError(resp);
      if (resp.code() == 409 && answer.has(ProblemCode.KEY_EXISTS)) {
        return folderKey(folder).orElseThrow(() -> new HubException(CONFLICT, 409, answer.problem(), null,
            "hub says folder " + folder + " already has a key but does not serve it; try again", null));
      }
      throw failure(req, resp, answer);
    }
  }

  /** {@code GET /v1/folders/{folder}/key}: the wrapped folder key, empty if none is stored yet. */
  public Optional<FolderKey> folderKey(String folder) throws HubException {
    requireFolder(folder);
    Request req = authed(url("folders", folder, "key")).get().build();
    try (Response resp = send(req)) {
      if (resp.isSuccessful()) return Optional.of(decode(req, resp, FolderKey.class, HubClient::checkKey));
      ErrorAnswer answer = readError(resp);
      // Only the hub's own not_found means "no key": a bare 404 is a wrong URL, and treating
      // it as absence would make the caller mint a second key for an existing folder.
      if (resp.code() == 404 && answer.has(ProblemCode.NOT_FOUND)) return Optional.empty();
      throw failure(req, resp, answer);
    }
  }

  /** {@code GET /v1/folders/{folder}}: head seq and counts, the cheap check before a pull. */
  public FolderStatus folderStatus(String folder) throws HubException {
    requireFolder(folder);
    Request req = authed(url("folders", folder)).get().build();
    return call(req, FolderStatus.class, s -> {
      need(s.folder() == null || s.folder().equals(folder), "status is for folder " + s.folder());
      need(s.headSeq() >= 0, "headSeq is negative");
    });
  }

  /**
   * {@code GET /v1/folders/{folder}/changes?since=SEQ&limit=N}: entry heads with seq above
   * {@code since}, checked to be in strictly increasing seq order and within the limit.
   */
  public ChangesPage changes(String folder, long since, int limit) throws HubException {
    requireFolder(folder);
    if (since < 0) throw new IllegalArgumentException("since must be >= 0, was " + since);
    if (limit < 1 || limit > Protocol.MAX_CHANGES_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + Protocol.MAX_CHANGES_LIMIT + ", was " + limit);
    }
    HttpUrl u = url("folders", folder, "changes").newBuilder()
        .addQueryParameter("since", Long.toString(since))
        .addQueryParameter("limit", Integer.toString(limit)).build();
    Request req = authed(u).get().build();
    return call(req, ChangesPage.class, page -> {
      need(page.changes().size() <= limit, "page has " + page.changes().size() + " changes, limit was " + limit);
      long previous = since;
      for (EntryMeta e : page.changes()) {
        checkEntry(e, null);
        need(e.seq() > previous, "change seq " + e.seq() + " does not follow " + previous);
        previous = e.seq();
      }
      need(page.headSeq() >= previous, "headSeq " + page.headSeq() + " is below the page's last seq " + previous);
      // An empty page that promises more would make the caller ask the same question forever.
      need(!page.more() || !page.changes().isEmpty(), "empty page says more follow");
    });
  }

  // ---- chunks --------------------------------------------------------------------------

  /**
   * {@code POST /v1/folders/{folder}/chunks/missing}: which of these chunk ids the hub lacks.
   * Duplicates are asked once; large sets go in requests of at most
   * {@link Protocol#MAX_MISSING_QUERY} ids. The answer keeps the order of {@code ids}.
   */
  public Set<String> missingChunks(String folder, Collection<String> ids) throws HubException {
    requireFolder(folder);
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(Objects.requireNonNull(ids, "ids")));
    for (String id : unique) requireName("chunk id", id, Ids.isChunkId(id));
    Set<String> missing = new LinkedHashSet<>();
    for (int from = 0; from < unique.size(); from += Protocol.MAX_MISSING_QUERY) {
      List<String> part = unique.subList(from, Math.min(unique.size(), from + Protocol.MAX_MISSING_QUERY));
      Set<String> asked = new LinkedHashSet<>(part);
      Request req = authed(url("folders", folder, "chunks", "missing"))
          .post(json(ChunkIds.class, new ChunkIds(part))).build();
      ChunkIds answer = call(req, ChunkIds.class, a -> {
        for (String id : a.ids()) need(asked.contains(id), "lists chunk " + id + " that was not asked about");
      });
      Set<String> answered = new LinkedHashSet<>(answer.ids());
      for (String id : part) if (answered.contains(id)) missing.add(id);
    }
    return Collections.unmodifiableSet(missing);
  }

  /** {@code PUT /v1/folders/{folder}/chunks/{id}}: uploads one sealed chunk (idempotent). */
  public void putChunk(String folder, String id, byte[] sealed) throws HubException {
    requireFolder(folder);
    requireName("chunk id", id, Ids.isChunkId(id));
    Objects.requireNonNull(sealed, "sealed");
    if (sealed.length > Protocol.MAX_CHUNK_BYTES) {
      throw new HubException(INVALID_DATA, "chunk " + id + " is " + sealed.length
          + " bytes, more than the hub's limit of " + Protocol.MAX_CHUNK_BYTES);
    }
    callNoContent(authed(url("folders", folder, "chunks", id))
        .put(RequestBody.create(sealed, OCTET_STREAM)).build());
  }

  /**
   * {@code GET /v1/folders/{folder}/chunks/{id}}: one sealed chunk. An answer larger than
   * {@link Protocol#MAX_CHUNK_BYTES} is refused as soon as that is known, never read whole.
   */
  public byte[] getChunk(String folder, String id) throws HubException {
    requireFolder(folder);
    requireName("chunk id", id, Ids.isChunkId(id));
    Request req = authed(url("folders", folder, "chunks", id)).get().build();
    try (Response resp = send(req)) {
      if (!resp.isSuccessful()) throw failure(req, resp, readError(resp));
      Buffer body = readBody(req, resp, Protocol.MAX_CHUNK_BYTES, "chunk " + id);
      return body.readByteArray();
    }
  }

  // ---- entries -------------------------------------------------------------------------

  /**
   * {@code PUT /v1/folders/{folder}/entries/{entryId}}: writes the next revision if the head
   * is still {@code baseRev} ({@code If-Match: "REV"}; 0 means the entry must not exist yet,
   * {@code If-None-Match: *}). A retry with the same {@code idempotencyKey} gets the first
   * answer. A stale base is a {@link WriteOutcome.Conflict}, not an exception.
   */
  public WriteOutcome putEntry(String folder, String entryId, long baseRev, String idempotencyKey, EntryWrite write)
      throws HubException {
    requireFolder(folder);
    requireName("entry id", entryId, Ids.isEntryId(entryId));
    if (baseRev < 0) throw new IllegalArgumentException("baseRev must be >= 0, was " + baseRev);
    requireIdempotencyKey(idempotencyKey);
    Objects.requireNonNull(write, "write");
    Request.Builder b = authed(url("folders", folder, "entries", entryId))
        .header(Protocol.IDEMPOTENCY_KEY, idempotencyKey)
        .put(json(EntryWrite.class, write));
    if (baseRev == 0) b.header("If-None-Match", "*");
    else b.header("If-Match", "\"" + baseRev + "\"");
    Request req = b.build();
    try (Response resp = send(req)) {
      if (resp.isSuccessful()) {
        WriteResult result = decode(req, resp, WriteResult.class, r -> checkWrite(r, entryId, baseRev));
        return new WriteOutcome.Accepted(result);
      }
      ErrorAnswer answer = readError(resp);
      if (resp.code() == 409 && answer.has(ProblemCode.REV_MISMATCH)) {
        EntryMeta current = answer.problem().current();
        if (current != null) {
          try {
            checkEntry(current, entryId);
          } catch (IllegalArgumentException | NullPointerException e) {
            throw HubErrorMapping.invalidAnswer(describe(req), "conflict head: " + e.getMessage());
          }
        }
        return new WriteOutcome.Conflict(current);
      }
      throw failure(req, resp, answer);
    }
  }

  /**
   * {@code POST /v1/folders/{folder}/batch}: up to {@link Protocol#MAX_BATCH_WRITES} writes,
   * each with its own compare-and-swap; the results come back in the order of the writes.
   */
  public BatchResponse batch(String folder, BatchRequest request) throws HubException {
    Objects.requireNonNull(request, "request");
    return batch(folder, request.writes(), request.writes().stream().map(w -> Json.write(BatchWrite.class, w)).toList());
  }

  /**
   * Like {@link #batch(String, BatchRequest)}, for writes already serialised ({@code writesJson}
   * holds each write's JSON, in order): the daemon stores a write's JSON in its outbox before
   * sending it, and sends those very bytes instead of serialising every write a second time.
   */
  public BatchResponse batch(String folder, List<BatchWrite> writes, List<String> writesJson) throws HubException {
    requireFolder(folder);
    Objects.requireNonNull(writes, "writes");
    if (writesJson.size() != writes.size()) throw new IllegalArgumentException(writesJson.size() + " JSON texts for " + writes.size() + " writes");
    if (writes.isEmpty() || writes.size() > Protocol.MAX_BATCH_WRITES) {
      throw new IllegalArgumentException("a batch holds 1.." + Protocol.MAX_BATCH_WRITES + " writes, got " + writes.size());
    }
    for (BatchWrite w : writes) {
      Objects.requireNonNull(w, "batch write");
      requireName("entry id", w.entryId(), Ids.isEntryId(w.entryId()));
      if (w.baseRev() < 0) throw new IllegalArgumentException("baseRev must be >= 0, was " + w.baseRev());
      requireIdempotencyKey(w.idempotencyKey());
      Objects.requireNonNull(w.entry(), "batch write entry");
    }
    // The body BatchRequest's adapter writes, {"writes":[write,...]}, streamed from the texts.
    Request req = authed(url("folders", folder, "batch")).post(new BatchBody(JSON, writesJson)).build();
    return call(req, BatchResponse.class, r -> {
      need(r.results().size() == writes.size(),
          r.results().size() + " results for " + writes.size() + " writes");
      for (int i = 0; i < writes.size(); i++) {
        BatchResult res = r.results().get(i);
        BatchWrite w = writes.get(i);
        need(res != null && w.entryId().equals(res.entryId()), "result " + i + " is not for entry " + w.entryId());
        if (res.status() >= 200 && res.status() < 300) {
          need(res.rev() == w.baseRev() + 1, "accepted rev " + res.rev() + " for base " + w.baseRev());
        }
        if (res.current() != null) checkEntry(res.current(), w.entryId());
      }
    });
  }

  /**
   * {@code GET /v1/folders/{folder}/entries/{entryId}[?rev=R]}: the head, or the revision
   * {@code revOrNull}. An unknown entry or revision is a {@code not_found} {@link HubException}.
   */
  public EntryMeta entry(String folder, String entryId, Long revOrNull) throws HubException {
    requireFolder(folder);
    requireName("entry id", entryId, Ids.isEntryId(entryId));
    HttpUrl.Builder u = url("folders", folder, "entries", entryId).newBuilder();
    if (revOrNull != null) {
      if (revOrNull < 1) throw new IllegalArgumentException("rev must be >= 1, was " + revOrNull);
      u.addQueryParameter("rev", revOrNull.toString());
    }
    Request req = authed(u.build()).get().build();
    return call(req, EntryMeta.class, e -> {
      checkEntry(e, entryId);
      need(revOrNull == null || e.rev() == revOrNull, "asked for rev " + revOrNull + ", got " + e.rev());
    });
  }

  /** {@code GET /v1/folders/{folder}/entries/{entryId}/history}: the revisions kept. */
  public EntryHistory history(String folder, String entryId) throws HubException {
    requireFolder(folder);
    requireName("entry id", entryId, Ids.isEntryId(entryId));
    Request req = authed(url("folders", folder, "entries", entryId, "history")).get().build();
    return call(req, EntryHistory.class, h -> {
      need(h.entryId() == null || h.entryId().equals(entryId), "history is for entry " + h.entryId());
      for (EntryMeta e : h.revisions()) checkEntry(e, entryId);
    });
  }

  /** {@code GET /healthz}: liveness and versions; needs no token. */
  public Health health() throws HubException {
    Request req = new Request.Builder().url(base.newBuilder().addPathSegment("healthz").build()).get().build();
    return call(req, Health.class, h -> need(h.status() != null, "status is missing"));
  }

  // ---- events --------------------------------------------------------------------------

  /**
   * {@code GET /v1/folders/{folder}/events}: subscribes to the folder's change events,
   * resuming after {@code lastEventId} (0: only new events). Returns at once; the listener is
   * called on an OkHttp thread. There is no reconnection here: see {@link EventStream}.
   */
  public EventStream events(String folder, long lastEventId, EventListener listener) throws HubException {
    requireFolder(folder);
    if (lastEventId < 0) throw new IllegalArgumentException("lastEventId must be >= 0, was " + lastEventId);
    Objects.requireNonNull(listener, "listener");
    Request.Builder b = authed(url("folders", folder, "events")).header("Accept", "text/event-stream").get();
    if (lastEventId > 0) b.header(Protocol.LAST_EVENT_ID, Long.toString(lastEventId));
    Request req = b.build();
    EventStream stream = new EventStream(this, folder, req, lastEventId, listener);
    EventSource source = EventSources.createFactory(eventsHttp).newEventSource(req, stream.okhttpListener());
    stream.attach(source);
    return stream;
  }

  ChangeEvent decodeChangeEvent(Request req, String folder, String sseId, String data) throws HubException {
    ChangeEvent event = parse(req, new Buffer().writeUtf8(data == null ? "" : data), ChangeEvent.class);
    check(req, event, e -> {
      need(folder.equals(e.folder()), "event is for folder " + e.folder());
      need(e.seq() >= 1, "event seq must be >= 1");
      need(Ids.isEntryId(e.entryId()), "event entry id is malformed");
      need(e.rev() >= 1, "event rev must be >= 1");
      need(sseId == null || sseId.equals(Long.toString(e.seq())), "SSE id " + sseId + " is not the event seq " + e.seq());
    });
    return event;
  }

  HubException failureOf(Request req, Response resp) {
    return failure(req, resp, readError(resp));
  }

  HubException ioFailure(Request req, IOException e) {
    return scrub(HubErrorMapping.forIo(hub, describe(req), e));
  }

  // ---- plumbing ------------------------------------------------------------------------

  @FunctionalInterface
  private interface Check<T> {
    /** Throws IllegalArgumentException naming the broken rule. */
    void check(T value);
  }

  /** A non-success answer's body: the problem document if it was one, else a quote of it. */
  private record ErrorAnswer(Problem problem, String contentType, String text) {
    boolean has(ProblemCode code) {
      return problem != null && code.code().equals(problem.code());
    }
  }

  private <T> T call(Request req, Class<T> type, Check<T> check) throws HubException {
    try (Response resp = send(req)) {
      if (!resp.isSuccessful()) throw failure(req, resp, readError(resp));
      return decode(req, resp, type, check);
    }
  }

  private void callNoContent(Request req) throws HubException {
    try (Response resp = send(req)) {
      if (!resp.isSuccessful()) throw failure(req, resp, readError(resp));
    }
  }

  private Response send(Request req) throws HubException {
    try {
      return http.newCall(req).execute();
    } catch (IOException e) {
      throw ioFailure(req, e);
    }
  }

  private <T> T decode(Request req, Response resp, Class<T> type, Check<T> check) throws HubException {
    Buffer body = readBody(req, resp, MAX_JSON_ANSWER, "answer");
    T value = parse(req, body, type);
    check(req, value, check);
    return value;
  }

  /** Parses a complete body; anything Moshi or a record constructor throws is the hub's fault. */
  private <T> T parse(Request req, Buffer body, Class<T> type) throws HubException {
    if (body.size() == 0) throw scrub(HubErrorMapping.malformed(describe(req), "empty body", null));
    try {
      JsonReader reader = JsonReader.of(body);
      T value = Json.adapter(type).fromJson(reader);
      if (value == null) throw new JsonDataException("expected a JSON object, got null");
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("unexpected data after the JSON document at " + reader.getPath());
      }
      return value;
    } catch (EOFException e) {
      throw scrub(HubErrorMapping.malformed(describe(req), "the JSON document ends too early", e));
    } catch (AssertionError e) {
      // Moshi wraps whatever a record's constructor throws (List.copyOf on [null]...) this way.
      Throwable why = e.getCause() == null ? e : e.getCause();
      throw scrub(HubErrorMapping.malformed(describe(req), "a value the " + type.getSimpleName()
          + " record refuses (" + why.getClass().getSimpleName() + ")", why));
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw scrub(HubErrorMapping.malformed(describe(req), why, e));
    }
  }

  private <T> void check(Request req, T value, Check<T> check) throws HubException {
    try {
      check.check(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw scrub(HubErrorMapping.invalidAnswer(describe(req), String.valueOf(e.getMessage())));
    }
  }

  /** Reads a success body whole, refusing more than {@code limit} bytes without reading them. */
  private Buffer readBody(Request req, Response resp, long limit, String what) throws HubException {
    ResponseBody body = resp.body();
    Buffer buffer = new Buffer();
    if (body == null) return buffer;
    long declared = body.contentLength();
    if (declared > limit) throw tooLarge(req, what, declared + " bytes", limit);
    try {
      BufferedSource source = body.source();
      while (source.read(buffer, 64 * 1024) != -1) {
        if (buffer.size() > limit) throw tooLarge(req, what, "more than " + limit + " bytes", limit);
      }
    } catch (HubException e) {
      throw e;
    } catch (IOException e) {
      throw ioFailure(req, e);
    }
    return buffer;
  }

  private HubException tooLarge(Request req, String what, String size, long limit) {
    return HubErrorMapping.invalidAnswer(describe(req), what + " is " + size + ", over the limit of " + limit + " bytes");
  }

  /** Reads at most {@link #MAX_ERROR_BODY} of an error answer; a broken body just gives less detail. */
  private ErrorAnswer readError(Response resp) {
    String contentType = resp.header("Content-Type");
    String text = "";
    ResponseBody body = resp.body();
    if (body != null) {
      try {
        BufferedSource source = body.source();
        source.request(MAX_ERROR_BODY);
        Buffer buffer = new Buffer();
        source.read(buffer, Math.min(MAX_ERROR_BODY, source.getBuffer().size()));
        text = buffer.readUtf8();
      } catch (IOException e) {
        text = "";
      }
    }
    Problem problem = null;
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json") && !text.isBlank()) {
      try {
        Problem p = Json.readLenient(Problem.class, text);
        if (p.code() != null || p.title() != null) problem = scrub(p);
      } catch (RuntimeException e) {
        problem = null; // not a problem document: quoted below instead
      }
    }
    return new ErrorAnswer(problem, contentType, problem == null ? redact(text) : null);
  }

  private HubException failure(Request req, Response resp, ErrorAnswer answer) {
    return scrub(HubErrorMapping.forStatus(describe(req), resp.code(), answer.problem(), answer.contentType(),
        answer.text(), resp.header("Location"), resp.header("Retry-After"), clock.instant()));
  }

  /** Belt and braces: the token must never reach a message, even if a hub echoes it back. */
  private HubException scrub(HubException e) {
    if (token == null || e.getMessage() == null || !e.getMessage().contains(token)) return e;
    return new HubException(e.category(), e.status(), e.problem().orElse(null), e.retryAfter().orElse(null),
        redact(e.getMessage()), e.getCause());
  }

  private Problem scrub(Problem p) {
    if (token == null) return p;
    return new Problem(redact(p.type()), redact(p.title()), p.status(), redact(p.detail()), p.code(),
        redact(p.field()), p.current(), p.retryAfter());
  }

  private String redact(String s) {
    return token == null || s == null ? s : s.replace(token, REDACTED);
  }

  private Request.Builder authed(HttpUrl url) throws HubException {
    if (token == null) {
      throw new HubException(AUTH, "this device is not logged in to the hub at " + hub + ": run `ferry login`");
    }
    return new Request.Builder().url(url).header("Authorization", "Bearer " + token);
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder().addPathSegment(Protocol.PREFIX.substring(1));
    for (String s : segments) b.addPathSegment(s);
    return b.build();
  }

  private static <T> RequestBody json(Class<T> type, T value) {
    return RequestBody.create(Json.write(type, value), JSON);
  }

  static String describe(Request req) {
    return req.method() + " " + req.url().encodedPath();
  }

  private static HttpUrl toHttpUrl(URI uri) {
    Objects.requireNonNull(uri, "base");
    HttpUrl url = HttpUrl.get(uri);
    if (url == null) {
      throw new IllegalArgumentException("hub address must be an http:// or https:// URL, got scheme " + uri.getScheme());
    }
    return url;
  }

  private static void requireFolder(String folder) throws HubException {
    requireName("folder id", folder, Ids.isFolderId(folder));
  }

  private static void requireName(String what, String value, boolean valid) throws HubException {
    if (!valid) {
      throw new HubException(INVALID_DATA, "refusing to send " + what + " "
          + (value == null ? "null" : "'" + HubErrorMapping.quote(value) + "'") + ": it is not well formed");
    }
  }

  private static void requireIdempotencyKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY || !isHeaderSafe(key) || key.contains(" ")) {
      throw new IllegalArgumentException("idempotency key must be 1.." + MAX_IDEMPOTENCY_KEY
          + " visible ASCII characters");
    }
  }

  private static boolean isHeaderSafe(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  private static void need(boolean ok, String rule) {
    if (!ok) throw new IllegalArgumentException(rule);
  }

  private static void checkKey(FolderKey k) {
    need(k.wrappedKey() != null && !k.wrappedKey().isBlank(), "wrappedKey is missing");
  }

  private static void checkWrite(WriteResult r, String entryId, long baseRev) {
    need(entryId.equals(r.entryId()), "result is for entry " + r.entryId());
    need(r.rev() == baseRev + 1, "accepted rev " + r.rev() + " is not base rev " + baseRev + " + 1");
    need(r.seq() >= 1, "seq must be >= 1");
  }

  /** The shape every entry from the hub must have; {@code expectedId} null accepts any id. */
  private static void checkEntry(EntryMeta e, String expectedId) {
    need(e != null, "an entry is null");
    need(Ids.isEntryId(e.entryId()), "entry id " + e.entryId() + " is malformed");
    need(expectedId == null || expectedId.equals(e.entryId()), "entry " + e.entryId() + " is not " + expectedId);
    need(e.rev() >= 1, "entry " + e.entryId() + " has rev " + e.rev());
    need(e.seq() >= 1, "entry " + e.entryId() + " has seq " + e.seq());
    for (String c : e.chunks()) need(Ids.isChunkId(c), "entry " + e.entryId() + " names a malformed chunk id");
  }
}
