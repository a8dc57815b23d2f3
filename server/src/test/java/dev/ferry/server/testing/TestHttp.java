package dev.ferry.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny HTTP client for tests against a real hub (java.net.http, so it needs nothing beyond
 * the JDK). Requests are built fluently and return a {@link Reply}.
 */
public final class TestHttp {
  private final URI base;
  private final HttpClient client;

  public TestHttp(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** An answer: status, headers (first value of each) and body text. */
  public record Reply(int status, Map<String, String> headers, byte[] bytes) {
    public String body() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
      }
      return null;
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  public Call call(String method, String path) {
    return new Call(method, path);
  }

  public Call get(String path) { return call("GET", path); }

  public Call put(String path) { return call("PUT", path); }

  public Call post(String path) { return call("POST", path); }

  public Call delete(String path) { return call("DELETE", path); }

  /** One request being built. */
  public final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Call token(String token) { return header("Authorization", "Bearer " + token); }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Call json(String json) {
      header("Content-Type", "application/json");
      body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return this;
    }

    public Call bytes(byte[] data) {
      header("Content-Type", "application/octet-stream");
      body = data;
      return this;
    }

    public Reply send() {
      HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
      headers.forEach(b::header);
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      try {
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> h = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> h.put(k, v.isEmpty() ? "" : v.get(0)));
        return new Reply(r.statusCode(), h, r.body());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
