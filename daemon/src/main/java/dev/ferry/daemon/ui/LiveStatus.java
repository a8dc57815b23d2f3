package dev.ferry.daemon.ui;

import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /events}: server-sent events for the overview. {@code state} events carry each
 * state machine move of a folder ({@code folder}, {@code from}, {@code to}, {@code at}), the
 * way {@code events.subscribe} names them; {@code status} events carry the whole {@code status}
 * answer whenever it changed.
 *
 * <p>Each stream subscribes to the daemon's {@link EventBus} for {@code FolderStateChanged} and
 * {@code RunFinished}. The bus calls listeners on the publishing thread (a folder's run), so the
 * listener only offers the event to this client's {@link ClientQueue}, bounded and never
 * blocking; the stream's own thread drains it to the browser. A client too slow to keep up loses
 * state events past {@link #QUEUE_CAPACITY}, never the run, and gets a fresh {@code status} (which
 * holds every folder's state) instead. {@code status} is also re-read every {@link
 * #STATUS_EVERY_MS} ms for what no event announces (pause, online, queue sizes).
 */
final class LiveStatus {
  static final int QUEUE_CAPACITY = 256;
  static final long STATUS_EVERY_MS = 2000;
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

  /**
   * One client's events, between the bus (which offers, and must never wait) and the client's
   * stream thread (which takes). When full, further events are dropped and {@link #overflowed}
   * says so once.
   */
  static final class ClientQueue implements EventBus.Listener {
    private final BlockingQueue<DaemonEvent> events;
    private final AtomicBoolean overflow = new AtomicBoolean();

    ClientQueue(int capacity) {
      this.events = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void onEvent(DaemonEvent event) {
      if (!(event instanceof DaemonEvent.FolderStateChanged || event instanceof DaemonEvent.RunFinished)) return;
      if (!events.offer(event)) overflow.set(true);
    }

    /** The next event, waiting at most {@code ms}; null when none came. */
    DaemonEvent poll(long ms) throws InterruptedException {
      return events.poll(ms, TimeUnit.MILLISECONDS);
    }

    boolean isEmpty() {
      return events.isEmpty();
    }

    /** Whether events were dropped since the last call. */
    boolean overflowed() {
      return overflow.getAndSet(false);
    }
  }

  private final ControlCalls calls;
  private final EventBus bus;
  private final BooleanSupplier closing;

  LiveStatus(ControlCalls calls, EventBus bus, BooleanSupplier closing) {
    this.calls = calls;
    this.bus = bus;
    this.closing = closing;
  }

  void stream(Exchange x) throws IOException, InterruptedException, RpcException {
    ClientQueue queue = new ClientQueue(QUEUE_CAPACITY);
    try (EventBus.Subscription subscription = bus.subscribe(queue); OutputStream out = x.eventStream()) {
      // Tell EventSource how soon to reconnect after a daemon restart.
      write(out, "retry: 2000\n\n");
      String lastStatus = null;
      long lastStatusAt = 0;
      long lastWriteAt = System.nanoTime();
      boolean refresh = true;
      while (!closing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
        // Waits only while nothing needs sending; a pending refresh is due as soon as the queue is drained.
        DaemonEvent e = queue.poll(refresh ? 0 : Math.min(STATUS_EVERY_MS, HEARTBEAT_MS));
        if (e instanceof DaemonEvent.FolderStateChanged s) {
          write(out, event("state", stateEvent(s.folder(), s.from() == null ? null : s.from().name(), s.to().name(), s.at())));
          lastWriteAt = System.nanoTime();
          refresh = true;
        } else if (e instanceof DaemonEvent.RunFinished) {
          refresh = true;
        }
        if (queue.overflowed()) refresh = true;
        long t = System.nanoTime();
        if ((refresh && queue.isEmpty()) || (t - lastStatusAt) / 1_000_000 >= STATUS_EVERY_MS) {
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
      }
    }
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
