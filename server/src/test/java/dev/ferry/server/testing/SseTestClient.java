package dev.ferry.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An event-stream client on a plain socket, so a test controls exactly when it connects and
 * hangs up. Parses frames into {@link Event}s and counts comment lines (keep-alives).
 */
public final class SseTestClient implements AutoCloseable {
  /** One {@code event:}/{@code id:}/{@code data:} frame. */
  public record Event(String event, String id, String data) {}

  private final Socket socket;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<String> comments = java.util.Collections.synchronizedList(new ArrayList<>());
  private final int status;
  private final Thread reader;

  private SseTestClient(URI base, String path, String token, String lastEventId) throws IOException {
    socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(0);
    StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n");
    req.append("Accept: text/event-stream\r\n");
    if (token != null) req.append("Authorization: Bearer ").append(token).append("\r\n");
    if (lastEventId != null) req.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
    req.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String statusLine = in.readLine();
    status = statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
    String line;
    boolean chunked = false;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      if (line.toLowerCase().startsWith("transfer-encoding:") && line.toLowerCase().contains("chunked")) chunked = true;
    }
    boolean isChunked = chunked;
    reader = new Thread(() -> read(in, isChunked), "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  public static SseTestClient open(URI base, String path, String token, String lastEventId) {
    try {
      return new SseTestClient(base, path, token, lastEventId);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public int status() { return status; }

  private void read(BufferedReader in, boolean chunked) {
    String event = null;
    String id = null;
    StringBuilder data = null;
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (chunked && isChunkSizeLine(line)) continue;
        if (line.isEmpty()) {
          if (data != null) events.add(new Event(event, id, data.toString()));
          event = null;
          id = null;
          data = null;
        } else if (line.startsWith(":")) {
          comments.add(line);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
          data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
        }
      }
    } catch (IOException closed) {
      // the test hung up
    }
  }

  /** Chunked transfer framing lines ("1a", possibly glued to the next frame). */
  private static boolean isChunkSizeLine(String line) {
    return line.matches("[0-9a-fA-F]{1,8}");
  }

  /** Waits for the next event up to {@code timeout}; null if none came. */
  public Event next(Duration timeout) {
    try {
      return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Collects events until {@code n} arrived or the deadline passed. */
  public List<Event> take(int n, Duration timeout) {
    List<Event> out = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (out.size() < n) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative()) break;
      Event e = next(left);
      if (e == null) break;
      out.add(e);
    }
    return out;
  }

  /** Events already received and not taken yet. */
  public List<Event> drain() {
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }

  public List<String> comments() {
    synchronized (comments) {
      return List.copyOf(comments);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
