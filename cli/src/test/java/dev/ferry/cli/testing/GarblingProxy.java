package dev.ferry.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A hub that misbehaves on purpose: a loopback HTTP proxy in front of a real hub that forwards
 * everything faithfully, except that while {@link #garble} is set, answers to matching paths are
 * replaced by a body that is not JSON. The edge we cannot run for real: a broken hub.
 */
public final class GarblingProxy implements AutoCloseable {
  private static final Set<String> FORWARDED = Set.of("authorization", "content-type", "if-match", "if-none-match",
      "idempotency-key", "last-event-id", "accept");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI target;
  private volatile Predicate<String> garble = p -> false;

  public GarblingProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::forward);
    server.start();
  }

  public URI url() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort()); }

  private volatile Predicate<String> slow = p -> false;
  private volatile long slowMillis;
  private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger mostOpen = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Holds every request whose path matches for {@code delay} before handling it (a hub that
   * takes its time), and counts how many such requests were open at once.
   */
  public void slow(Predicate<String> paths, java.time.Duration delay) {
    this.slowMillis = delay.toMillis();
    this.slow = paths;
  }

  /** The most requests matching {@link #slow} that were open at the same time. */
  public int mostAtOnce() { return mostOpen.get(); }

  private volatile Predicate<String> onceBefore = p -> false;
  private volatile Runnable onceAction = () -> {};

  /**
   * Runs {@code action} once, before forwarding the first request whose path and query match
   * (a hub whose data changes while a client reads it, at a chosen moment).
   */
  public void onceBefore(Predicate<String> pathAndQuery, Runnable action) {
    this.onceAction = action;
    this.onceBefore = pathAndQuery;
  }

  private void runOnceBefore(String pathAndQuery) {
    Runnable action;
    synchronized (this) {
      if (!onceBefore.test(pathAndQuery)) return;
      onceBefore = p -> false;
      action = onceAction;
    }
    action.run();
  }

  /** Answers garbage for request paths that match, until set back to {@code p -> false}. */
  public void garble(Predicate<String> paths) { this.garble = paths; }

  /**
   * A scripted answer for the next {@code times} requests whose path matches: {@code status}
   * with {@code body} (and a Retry-After header when not null). With {@code forwardFirst} the
   * request reaches the hub first and only its answer is replaced: the hub did the work, the
   * client never learns it (a lost or garbled answer).
   */
  public record Scripted(Predicate<String> paths, int status, String contentType, String body, String retryAfter,
      boolean forwardFirst, java.util.concurrent.atomic.AtomicInteger times) {}

  private final java.util.Queue<Scripted> scripts = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger scriptedAnswers = new java.util.concurrent.atomic.AtomicInteger();

  public void script(Predicate<String> paths, int status, String contentType, String body, String retryAfter,
      boolean forwardFirst, int times) {
    scripts.add(new Scripted(paths, status, contentType, body, retryAfter, forwardFirst,
        new java.util.concurrent.atomic.AtomicInteger(times)));
  }

  /** How many scripted answers were given. */
  public int scriptedAnswers() { return scriptedAnswers.get(); }

  private Scripted scriptFor(String path) {
    for (Scripted s : scripts) {
      if (s.paths().test(path) && s.times().getAndDecrement() > 0) return s;
    }
    return null;
  }

  private void forward(HttpExchange ex) throws IOException {
    if (!slow.test(ex.getRequestURI().getPath())) {
      handle(ex);
      return;
    }
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    try {
      Thread.sleep(slowMillis);
      handle(ex);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.decrementAndGet();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String pathAndQuery = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
      if (garble.test(ex.getRequestURI().getPath())) {
        byte[] junk = "{\"changes\": [ this is not json".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, junk.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(junk);
        }
        return;
      }
      runOnceBefore(pathAndQuery);
      Scripted scripted = scriptFor(ex.getRequestURI().getPath());
      byte[] body = ex.getRequestBody().readAllBytes();
      if (scripted != null) {
        if (scripted.forwardFirst()) {
          HttpRequest.Builder fb = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
              .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
          ex.getRequestHeaders().forEach((k, v) -> {
            if (FORWARDED.contains(k.toLowerCase())) v.forEach(x -> fb.header(k, x));
          });
          client.send(fb.build(), HttpResponse.BodyHandlers.discarding());
        }
        scriptedAnswers.incrementAndGet();
        byte[] answer = scripted.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", scripted.contentType());
        if (scripted.retryAfter() != null) ex.getResponseHeaders().add("Retry-After", scripted.retryAfter());
        ex.sendResponseHeaders(scripted.status(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
          try (OutputStream o = ex.getResponseBody()) {
            o.write(answer);
          }
        }
        return;
      }
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
          .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders().forEach((k, v) -> {
        if (FORWARDED.contains(k.toLowerCase())) v.forEach(x -> rb.header(k, x));
      });
      HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
      r.headers().map().forEach((k, v) -> {
        if (List.of("content-type", "retry-after").contains(k.toLowerCase())) v.forEach(x -> ex.getResponseHeaders().add(k, x));
      });
      byte[] out = r.body();
      ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream o = ex.getResponseBody()) {
          o.write(out);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
