package dev.ferry.server.api;

import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;
import dev.ferry.server.events.EventBroker;
import dev.ferry.server.events.SseSink;
import dev.ferry.server.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/folders/{folder}/events}: a server-sent event stream. The request is held in
 * servlet async mode through a future that completes when the stream ends, so an idle
 * subscriber costs a socket and a few small objects, not a thread.
 */
public final class EventsApi {
  /** Frames are a few hundred bytes; a small response buffer keeps thousands of streams cheap. */
  private static final int SSE_BUFFER_BYTES = 2048;

  private final Store store;
  private final EventBroker broker;
  private final BearerAuth auth;

  EventsApi(Store store, EventBroker broker, BearerAuth auth) {
    this.store = store;
    this.broker = broker;
    this.auth = auth;
  }

  public void register(Javalin app) {
    app.get(Protocol.PREFIX + "/folders/{folder}/events", this::events);
  }

  private void events(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    long since = since(ctx, caller, folder);
    HttpServletResponse res = ctx.res();
    CompletableFuture<Void> done = new CompletableFuture<>();
    ctx.future(() -> {
      res.setStatus(200);
      res.setBufferSize(SSE_BUFFER_BYTES);
      res.setContentType("text/event-stream");
      res.setCharacterEncoding("UTF-8");
      res.setHeader("Cache-Control", "no-cache");
      res.setHeader("X-Accel-Buffering", "no");
      try {
        res.flushBuffer();
        broker.subscribe(caller.accountId(), folder, since, new ResponseSink(res.getOutputStream(), done));
      } catch (IOException e) {
        done.complete(null);
      }
      return done;
    });
  }

  /**
   * Where to start: {@code Last-Event-ID} (a reconnect) wins over {@code ?since=}; with neither
   * the stream starts at the current head and carries only new changes.
   */
  private long since(Context ctx, Caller caller, String folder) {
    String last = ctx.header(Protocol.LAST_EVENT_ID);
    if (last != null && !last.isBlank()) {
      try {
        long v = Long.parseLong(last.trim());
        if (v < 0) throw new NumberFormatException();
        return v;
      } catch (NumberFormatException e) {
        throw ApiException.field(ProblemCode.INVALID_HEADER, Protocol.LAST_EVENT_ID,
            "Last-Event-ID must be a change sequence number, got " + Requests.printable(last));
      }
    }
    if (ctx.queryParam("since") != null) return Requests.queryLong(ctx, "since", 0, 0, Long.MAX_VALUE);
    return store.changes(caller.accountId(), folder, Long.MAX_VALUE, 1).headSeq();
  }

  /** Writes frames to the held-open response; closing completes the request. */
  private static final class ResponseSink implements SseSink {
    private final ServletOutputStream out;
    private final CompletableFuture<Void> done;

    ResponseSink(ServletOutputStream out, CompletableFuture<Void> done) {
      this.out = out;
      this.done = done;
    }

    @Override
    public void write(byte[] frame) throws IOException {
      if (done.isDone()) throw new IOException("stream closed");
      out.write(frame);
      out.flush();
    }

    @Override
    public void close() {
      done.complete(null);
    }
  }
}
