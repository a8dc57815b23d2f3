package dev.ferry.daemon.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.protocol.ChangeEvent;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event stream against a scripted hub: events, keep-alives, drops, refusals, close. */
class EventStreamTest {
  static final String TOKEN = "tok_S3cretDeviceToken_0123456789";
  static final String E1 = "a".repeat(64);
  static final String E2 = "b".repeat(64);
  static final ChangeEvent FIRST = new ChangeEvent("docs", 11, E1, 3, false, "dev_other123");
  static final ChangeEvent SECOND = new ChangeEvent("docs", 12, E2, 1, true, "dev_other123");

  private static OkHttpClient http;
  private MockWebServer server;
  private HubClient hub;
  private final Recorder recorder = new Recorder();

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

  /** Everything the listener was told, in order, as values a test can compare. */
  static final class Recorder implements EventListener {
    final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();

    @Override
    public void onOpen() { calls.add("open"); }

    @Override
    public void onChange(ChangeEvent event) { calls.add(event); }

    @Override
    public void onClosed() { calls.add("closed"); }

    @Override
    public void onFailure(HubException failure) { calls.add(failure); }

    Object next() throws InterruptedException {
      Object o = calls.poll(5, TimeUnit.SECONDS);
      if (o == null) throw new AssertionError("the listener heard nothing within 5 s");
      return o;
    }

    HubException nextFailure() throws InterruptedException {
      Object o = next();
      if (!(o instanceof HubException e)) throw new AssertionError("expected a failure, got " + o);
      return e;
    }
  }

  static String event(ChangeEvent e) {
    return "event: change\nid: " + e.seq() + "\ndata: " + Json.write(ChangeEvent.class, e) + "\n\n";
  }

  static MockResponse stream(String body) {
    return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body);
  }

  @Test
  void deliversEventsIgnoringKeepAlivesThenReportsTheDrop() throws Exception {
    // Padding after the events so that "disconnect halfway through the body" cuts the padding.
    String body = ": keep-alive\n\n" + event(FIRST) + ": keep-alive\n\n" + "event: other\ndata: {}\n\n"
        + event(SECOND) + (": " + "x".repeat(3000) + "\n").repeat(2);
    server.enqueue(stream(body).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    EventStream events = hub.events("docs", 10, recorder);

    assertEquals("open", recorder.next());
    assertEquals(FIRST, recorder.next());
    assertEquals(SECOND, recorder.next());
    HubException drop = recorder.nextFailure();
    assertEquals(ErrorCategory.NETWORK, drop.category(), drop.getMessage());
    assertTrue(drop.retryable());
    assertEquals(12, events.lastEventId());
    assertTrue(events.isEnded());
    assertNull(recorder.calls.poll(100, TimeUnit.MILLISECONDS), "nothing after the terminal call");

    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("GET /v1/folders/docs/events HTTP/1.1", r.getRequestLine());
    assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"));
    assertEquals("10", r.getHeader("Last-Event-ID"));
    assertEquals("text/event-stream", r.getHeader("Accept"));
    assertEquals("ferry/9.9.9-test", r.getHeader("User-Agent"));
  }

  @Test
  void aStreamThatStallsFailsAsATimeoutSoTheTriggerReconnects() throws Exception {
    // Headers and one event, then silence: no events, no keep-alives, but the connection stays up.
    server.enqueue(stream(event(FIRST) + ": keep-alive that comes too late\n\n")
        .throttleBody(event(FIRST).getBytes(java.nio.charset.StandardCharsets.UTF_8).length, 2, TimeUnit.SECONDS));
    EventStream events = hub.withEventsReadTimeout(java.time.Duration.ofMillis(300)).events("docs", 0, recorder);
    assertEquals("open", recorder.next());
    assertEquals(FIRST, recorder.next());
    HubException stalled = recorder.nextFailure();
    assertEquals(ErrorCategory.TIMEOUT, stalled.category(), stalled.getMessage());
    assertTrue(stalled.retryable());
    assertEquals(FIRST.seq(), events.lastEventId(), "the reconnect resumes after the last event seen");
  }

  @Test
  void aCleanEndIsClosedAndAFreshStreamSendsNoLastEventId() throws Exception {
    server.enqueue(stream(event(FIRST)));
    EventStream events = hub.events("docs", 0, recorder);
    assertEquals(List.of("open", FIRST, "closed"), List.of(recorder.next(), recorder.next(), recorder.next()));
    assertEquals(11, events.lastEventId());
    assertNull(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Last-Event-ID"));
  }

  @Test
  void aRefusedSubscriptionIsAFailureWithTheHubsCategory() throws Exception {
    Problem revoked = Problem.of(ProblemCode.UNAUTHORIZED, "device revoked");
    server.enqueue(new MockResponse().setResponseCode(401).setHeader("Content-Type", Problem.MEDIA_TYPE)
        .setBody(Json.write(Problem.class, revoked)));
    EventStream events = hub.events("docs", 5, recorder);
    HubException e = recorder.nextFailure();
    assertEquals(ErrorCategory.AUTH, e.category());
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("device revoked"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    assertEquals(5, events.lastEventId());

    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "4"));
    hub.events("docs", 5, recorder);
    e = recorder.nextFailure();
    assertEquals(ErrorCategory.RATE_LIMITED, e.category());
    assertEquals(4, e.retryAfter().orElseThrow().toSeconds());
  }

  @Test
  void somethingThatIsNotAnEventStreamIsInvalidData() throws Exception {
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>login portal</html>"));
    hub.events("docs", 0, recorder);
    HubException e = recorder.nextFailure();
    assertEquals(ErrorCategory.INVALID_DATA, e.category(), e.getMessage());
    assertTrue(e.getMessage().contains("text/html"), e.getMessage());
  }

  @Test
  void aGarbledEventEndsTheStreamAsInvalidData() throws Exception {
    ChangeEvent otherFolder = new ChangeEvent("notes", 13, E1, 1, false, "dev_other123");
    server.enqueue(stream(event(FIRST) + "event: change\nid: 12\ndata: {not json\n\n" + event(SECOND)));
    EventStream events = hub.events("docs", 0, recorder);
    assertEquals("open", recorder.next());
    assertEquals(FIRST, recorder.next());
    HubException e = recorder.nextFailure();
    assertEquals(ErrorCategory.INVALID_DATA, e.category());
    assertTrue(e.getMessage().startsWith("hub sent malformed JSON for GET /v1/folders/docs/events"), e.getMessage());
    assertEquals(11, events.lastEventId());

    server.enqueue(stream(event(otherFolder)));
    hub.events("docs", 0, recorder);
    assertEquals("open", recorder.next());
    assertEquals(ErrorCategory.INVALID_DATA, recorder.nextFailure().category());
  }

  @Test
  void closeStopsTheStreamSilently() throws Exception {
    // An open stream that sends one event and then only waits, like a quiet folder.
    server.enqueue(stream(event(FIRST)).setSocketPolicy(SocketPolicy.KEEP_OPEN)
        .setHeader("Content-Length", "1000000"));
    EventStream events = hub.events("docs", 0, recorder);
    assertEquals("open", recorder.next());
    assertEquals(FIRST, recorder.next());
    events.close();
    assertTrue(events.isEnded());
    assertNull(recorder.calls.poll(300, TimeUnit.MILLISECONDS), "a closed stream tells the listener nothing");
  }

  @Test
  void aListenerThatThrowsEndsTheStreamAsInternal() throws Exception {
    server.enqueue(stream(event(FIRST) + event(SECOND)));
    BlockingQueue<HubException> failures = new LinkedBlockingQueue<>();
    hub.events("docs", 0, new EventListener() {
      @Override
      public void onChange(ChangeEvent event) { throw new IllegalStateException("scheduler is gone"); }

      @Override
      public void onFailure(HubException failure) { failures.add(failure); }
    });
    HubException e = failures.poll(5, TimeUnit.SECONDS);
    assertEquals(ErrorCategory.INTERNAL, e.category());
    assertTrue(e.getMessage().contains("scheduler is gone"), e.getMessage());
    assertNull(failures.poll(200, TimeUnit.MILLISECONDS), "one terminal call only");
  }
}
