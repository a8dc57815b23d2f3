package dev.ferry.daemon.ui;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.StatusParams;
import dev.ferry.ipc.methods.StatusResult;
import dev.ferry.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /events}: server-sent events for the overview. {@code state} events carry each
 * state machine move of a folder ({@code folder}, {@code from}, {@code to}, {@code at}), the
 * way {@code events.subscribe} names them; {@code status} events carry the whole {@code status}
 * answer whenever it changed.
 *
 * <p>The daemon has no event bus in this build, so the stream samples the folder runners' states
 * every {@link #SAMPLE_MS} ms (cheap: a volatile read each) and re-reads {@code status} on every
 * move and at least every second. A run phase shorter than a sample can go unseen; the state
 * the folder ends in never does.
 */
final class LiveStatus {
  static final long SAMPLE_MS = 100;
  static final long STATUS_EVERY_MS = 1000;
  static final long HEARTBEAT_MS = 15_000;

  /** One state machine move, as sent in a {@code state} event: {@code folder}, {@code from} (null at first sight), {@code to}, {@code at}. */
  static String stateEvent(String folder, String from, String to, Instant at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("folder", folder);
    m.put("from", from);
    m.put("to", to);
    m.put("at", at.toString());
    return Json.adapter(Object.class).serializeNulls().toJson(m);
  }

  private final ControlCalls calls;
  private final Folders folders;
  private final BooleanSupplier closing;

  LiveStatus(ControlCalls calls, Folders folders, BooleanSupplier closing) {
    this.calls = calls;
    this.folders = folders;
    this.closing = closing;
  }

  void stream(Exchange x) throws IOException, InterruptedException, RpcException {
    try (OutputStream out = x.eventStream()) {
      // Tell EventSource how soon to reconnect after a daemon restart.
      write(out, "retry: 2000\n\n");
      Map<String, String> states = sample();
      String lastStatus = null;
      long lastStatusAt = 0;
      long lastWriteAt = System.nanoTime();
      boolean refresh = true;
      while (!closing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
        Map<String, String> now = sample();
        for (var e : now.entrySet()) {
          String before = states.get(e.getKey());
          if (!Objects.equals(before, e.getValue())) {
            write(out, event("state", stateEvent(e.getKey(), before, e.getValue(), Instant.now())));
            lastWriteAt = System.nanoTime();
            refresh = true;
          }
        }
        states = now;
        long t = System.nanoTime();
        if (refresh || (t - lastStatusAt) / 1_000_000 >= STATUS_EVERY_MS) {
          String status = Json.write(StatusResult.class, calls.call(Methods.STATUS, new StatusParams(), StatusResult.class));
          lastStatusAt = t;
          refresh = false;
          if (!status.equals(lastStatus)) {
            write(out, event("status", status));
            lastStatus = status;
            lastWriteAt = t;
          }
        }
        if ((t - lastWriteAt) / 1_000_000 >= HEARTBEAT_MS) {
          // A comment line: keeps proxies quiet and tells us when the browser has gone.
          write(out, ": ping\n\n");
          lastWriteAt = t;
        }
        Thread.sleep(SAMPLE_MS);
      }
    }
  }

  private Map<String, String> sample() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, FolderRunner> e : folders.runners().entrySet()) m.put(e.getKey(), e.getValue().state().name());
    return m;
  }

  /** One SSE event; JSON has no raw newlines, so the data fits on one line. */
  static String event(String name, String json) {
    return "event: " + name + "\ndata: " + json + "\n\n";
  }

  static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
