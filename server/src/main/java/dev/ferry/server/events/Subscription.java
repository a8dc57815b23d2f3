package dev.ferry.server.events;

import dev.ferry.protocol.ChangeEvent;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One open event stream. While it replays history from the store, live events are held back;
 * afterwards they go straight to an outgoing queue. A change frame is queued only if its seq is
 * above the last one queued, so the switch from replay to live has no gap and no duplicate. A
 * pool thread drains the queue to the socket, one drainer at a time per subscription, so an
 * idle subscriber holds no thread and a slow one holds at most one.
 */
final class Subscription {
  /** A subscriber this far behind is cut off; it resumes with Last-Event-ID. */
  static final int MAX_QUEUED = 10_000;
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HELLO = ": connected\n\n".getBytes(StandardCharsets.US_ASCII);

  final String key;
  private final String folder;
  private final SseSink sink;
  private final Executor drainer;
  private final Runnable onClose;

  private final Object lock = new Object();
  private final List<EntryMeta> held = new ArrayList<>();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private boolean live;
  private boolean draining;
  private boolean closed;
  private long lastQueuedSeq;

  Subscription(String key, String folder, long since, SseSink sink, Executor drainer, Runnable onClose) {
    this.key = key;
    this.folder = folder;
    this.sink = sink;
    this.drainer = drainer;
    this.onClose = onClose;
    this.lastQueuedSeq = since;
    queue.add(HELLO);
  }

  /** A change committed in this folder (called in seq order). */
  void offer(EntryMeta head) {
    boolean overflow;
    synchronized (lock) {
      if (closed) return;
      if (!live) {
        held.add(head);
        return;
      }
      overflow = !queueChange(head);
    }
    after(overflow);
  }

  /** A change read back from the store during replay. */
  void replayed(EntryMeta head) {
    boolean overflow;
    synchronized (lock) {
      if (closed) return;
      overflow = !queueChange(head);
    }
    after(overflow);
  }

  /** Replay is done: release the held live events that replay did not already cover. */
  void goLive() {
    boolean overflow = false;
    synchronized (lock) {
      if (closed) return;
      for (EntryMeta m : held) overflow |= !queueChange(m);
      held.clear();
      live = true;
    }
    after(overflow);
  }

  void keepAlive() {
    synchronized (lock) {
      if (closed) return;
      queue.add(KEEP_ALIVE);
    }
    after(false);
  }

  /** Queues a change frame unless replay already covered it; false when the queue is full. */
  private boolean queueChange(EntryMeta m) {
    if (m.seq() <= lastQueuedSeq) return true;
    if (queue.size() >= MAX_QUEUED) return false;
    lastQueuedSeq = m.seq();
    ChangeEvent e = new ChangeEvent(folder, m.seq(), m.entryId(), m.rev(), m.deleted(), m.modifiedBy());
    String frame = "event: " + Protocol.SSE_EVENT_CHANGE + "\nid: " + m.seq() + "\ndata: "
        + Json.write(ChangeEvent.class, e) + "\n\n";
    queue.add(frame.getBytes(StandardCharsets.UTF_8));
    return true;
  }

  private void after(boolean overflow) {
    if (overflow) {
      close();
      return;
    }
    synchronized (lock) {
      if (draining || queue.isEmpty() || closed) return;
      draining = true;
    }
    try {
      drainer.execute(this::drain);
    } catch (RuntimeException rejected) {
      close();
    }
  }

  private void drain() {
    while (true) {
      byte[] frame;
      synchronized (lock) {
        frame = closed ? null : queue.poll();
        if (frame == null) {
          draining = false;
          return;
        }
      }
      try {
        sink.write(frame);
      } catch (IOException | RuntimeException peerGone) {
        // A failed write means the client went away; it resumes with Last-Event-ID.
        synchronized (lock) {
          draining = false;
        }
        close();
        return;
      }
    }
  }

  void close() {
    synchronized (lock) {
      if (closed) return;
      closed = true;
      queue.clear();
      held.clear();
    }
    sink.close();
    onClose.run();
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }
}
