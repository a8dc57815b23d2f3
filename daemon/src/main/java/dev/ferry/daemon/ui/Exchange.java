package dev.ferry.daemon.ui;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to the dashboard and its answer: the parsed query and form, the signed-in
 * session once the gate has found it, and response helpers that always send the same
 * protective headers (no caching, no framing, no referrer carrying the sign-in token, a
 * content security policy that allows only the dashboard's own files).
 */
final class Exchange {
  /** Forms are a few fields; anything bigger is not ours. */
  static final int MAX_FORM_BYTES = 64 * 1024;
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final HttpExchange http;
  private final Map<String, String> query;
  private Map<String, String> form;
  private Sessions.Session session;

  Exchange(HttpExchange http) {
    this.http = http;
    this.query = parse(http.getRequestURI().getRawQuery());
  }

  String method() { return http.getRequestMethod(); }

  String path() { return http.getRequestURI().getPath(); }

  String header(String name) { return http.getRequestHeaders().getFirst(name); }

  Sessions.Session session() { return session; }

  void session(Sessions.Session s) { this.session = s; }

  /** A cookie's value from the Cookie header, or null. */
  String cookie(String name) {
    for (String header : http.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).strip().equals(name)) return part.substring(eq + 1).strip();
      }
    }
    return null;
  }

  /** A form field (POST body) or else a query parameter; null when absent. */
  String param(String name) throws IOException {
    String v = form().get(name);
    return v != null ? v : query.get(name);
  }

  /** A parameter that must be there: a missing one is the client's error, named. */
  String required(String name) throws IOException {
    String v = param(name);
    if (v == null || v.isBlank()) throw new BadRequest("the request lacks '" + name + "'");
    return v;
  }

  Map<String, String> form() throws IOException {
    if (form != null) return form;
    if (!"POST".equals(method())) return form = Map.of();
    String type = header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return form = Map.of();
    }
    try (InputStream in = http.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) throw new BadRequest("the form is larger than " + MAX_FORM_BYTES + " bytes");
      return form = parse(new String(body, StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> parse(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(k, v);
      } catch (IllegalArgumentException malformed) {
        // A broken escape: the pair is ignored, and a required field will be reported missing.
      }
    }
    return out;
  }

  void setCookie(String value) {
    http.getResponseHeaders().add("Set-Cookie", value);
  }

  void html(int status, String page) throws IOException {
    send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  void json(int status, String body) throws IOException {
    send(status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  void send(int status, String contentType, byte[] body) throws IOException {
    Headers h = headers();
    h.set("Content-Type", contentType);
    http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = http.getResponseBody()) {
        out.write(body);
      }
    }
    http.close();
  }

  /** 303 See Other: after a form, the browser loads {@code location} with GET (reload does not repeat the action). */
  void redirect(String location) throws IOException {
    headers().set("Location", location);
    http.sendResponseHeaders(303, -1);
    http.close();
  }

  /** Starts a server-sent event stream; the caller writes events and closes it. */
  OutputStream eventStream() throws IOException {
    Headers h = headers();
    h.set("Content-Type", "text/event-stream; charset=utf-8");
    http.sendResponseHeaders(200, 0);
    return http.getResponseBody();
  }

  void close() {
    http.close();
  }

  private Headers headers() {
    Headers h = http.getResponseHeaders();
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Content-Security-Policy", CSP);
    return h;
  }

  /** The request is malformed: answered 400 with this message. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
