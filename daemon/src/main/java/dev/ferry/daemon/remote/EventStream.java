package dev.ferry.daemon.remote;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.protocol.ChangeEvent;
import dev.ferry.protocol.Protocol;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * One subscription to a folder's event stream. It does not reconnect: when it ends (see
 * {@link EventListener}) the caller decides, by the failure's category, whether and when to
 * open a new one, resuming from {@link #lastEventId()}.
 */
public final class EventStream implements Closeable {
  private final HubClient hub;
  private final String folder;
  private final Request request;
  private final EventListener listener;
  private final AtomicLong lastEventId;
  /** Set once the listener got its terminal call, or the caller closed the stream. */
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean closedByCaller;
  private volatile EventSource source;

  EventStream(HubClient hub, String folder, Request request, long lastEventId, EventListener listener) {
    this.hub = hub;
    this.folder = folder;
    this.request = request;
    this.listener = listener;
    this.lastEventId = new AtomicLong(lastEventId);
  }

  public String folder() { return folder; }

  /**
   * The highest event id (= change seq) delivered so far, or the id the stream was opened
   * with: what a reconnect passes as {@code Last-Event-ID}.
   */
  public long lastEventId() { return lastEventId.get(); }

  /** Whether the stream has ended: closed by the caller, by the hub, or by a failure. */
  public boolean isEnded() { return ended.get(); }

  /** Stops the stream. The listener is not told (the caller knows); no more events follow. */
  @Override
  public void close() {
    closedByCaller = true;
    ended.set(true);
    EventSource s = source;
    if (s != null) s.cancel();
  }

  void attach(EventSource es) {
    source = es;
    if (closedByCaller) es.cancel();
  }

  EventSourceListener okhttpListener() {
    return new EventSourceListener() {
      @Override
      public void onOpen(EventSource es, Response response) {
        if (!ended.get()) listener.onOpen();
      }

      @Override
      public void onEvent(EventSource es, String id, String type, String data) {
        // Other event types are for newer clients; ignoring them keeps old daemons working.
        if (ended.get() || !Protocol.SSE_EVENT_CHANGE.equals(type)) return;
        ChangeEvent event;
        try {
          event = hub.decodeChangeEvent(request, folder, id, data);
        } catch (HubException e) {
          fail(es, e);
          return;
        }
        lastEventId.accumulateAndGet(event.seq(), Math::max);
        try {
          listener.onChange(event);
        } catch (RuntimeException e) {
          fail(es, new HubException(ErrorCategory.INTERNAL, 0, null, null,
              "event listener for folder " + folder + " failed: " + e, e));
        }
      }

      @Override
      public void onClosed(EventSource es) {
        if (ended.compareAndSet(false, true)) listener.onClosed();
      }

      @Override
      public void onFailure(EventSource es, Throwable t, Response response) {
        if (ended.get()) return;
        HubException failure;
        if (response != null && !response.isSuccessful()) {
          failure = hub.failureOf(request, response);
        } else if (t instanceof IOException io) {
          failure = hub.ioFailure(request, io);
        } else if (response != null) {
          failure = HubErrorMapping.invalidAnswer(HubClient.describe(request),
              "expected an event stream (text/event-stream), got content type " + response.header("Content-Type"));
        } else {
          failure = new HubException(ErrorCategory.INTERNAL, 0, null, null,
              "event stream for folder " + folder + " failed: " + t, t);
        }
        fail(es, failure);
      }
    };
  }

  private void fail(EventSource es, HubException failure) {
    if (!ended.compareAndSet(false, true)) return;
    es.cancel();
    listener.onFailure(failure);
  }
}
