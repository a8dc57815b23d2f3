package dev.ferry.server.api;

import dev.ferry.protocol.Json;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import dev.ferry.server.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code application/problem+json}: our own refusals, Javalin's
 * (unknown route, wrong method) and unexpected exceptions, which answer 500 with a reference
 * to the log line instead of a stack trace.
 */
public final class ProblemResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {}

  public static void register(Javalin app, StorageHealth health) {
    app.exception(ApiException.class, (e, ctx) -> {
      e.headers().forEach(ctx::header);
      write(ctx, e.problem());
    });
    app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e)));
    app.exception(StoreException.class, (e, ctx) -> {
      if (e.unavailable()) {
        health.unavailable(e); // logged once per outage, not per request
        unavailable(ctx);
        return;
      }
      if (!e.storageFull()) {
        internal(e, ctx);
        return;
      }
      LOG.error("the hub's storage is full: {} {} not stored ({})", ctx.method(), safeRoute(ctx), e.getMessage());
      ctx.header("Retry-After", Long.toString(STORAGE_FULL_RETRY_AFTER_S));
      write(ctx, Problem.of(ProblemCode.STORAGE_FULL, "the hub's disk is full; nothing of this request was stored. "
          + "The device retries; the hub's operator must free space"));
    });
    app.exception(Exception.class, ProblemResponses::internal);
  }

  /** How long a device waits before it retries a write the hub had no room for. */
  static final long STORAGE_FULL_RETRY_AFTER_S = 60;

  /**
   * 503 storage_unavailable with a Retry-After: the database is lost for now, and the device
   * retries. Where the database is and why it is gone go to the log, not to every caller.
   */
  static void unavailable(Context ctx) {
    ctx.header("Retry-After", Long.toString(StorageHealth.RETRY_AFTER_S));
    write(ctx, Problem.of(ProblemCode.STORAGE_UNAVAILABLE, "the hub's database is unreachable; retry later"
        + " (devices do so by themselves; the hub log says why)").withRetryAfter(StorageHealth.RETRY_AFTER_S));
  }

  private static void internal(Exception e, Context ctx) {
    String ref = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("internal error {} on {} {}", ref, ctx.method(), safeRoute(ctx), e);
    write(ctx, Problem.of(ProblemCode.INTERNAL, "internal error; the hub log has details under reference " + ref));
  }

  public static void write(Context ctx, Problem p) {
    ctx.status(p.status());
    ctx.contentType(Problem.MEDIA_TYPE);
    ctx.result(Json.write(Problem.class, p));
  }

  private static Problem fromJavalin(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 404 -> Problem.of(ProblemCode.NOT_FOUND, "no such route");
      case 405 -> Problem.of(ProblemCode.METHOD_NOT_ALLOWED, "this route does not take that method");
      case 413 -> Problem.of(ProblemCode.PAYLOAD_TOO_LARGE, "the request body is too large");
      case 415 -> Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
      case 503 -> Problem.of(ProblemCode.UNAVAILABLE, e.getMessage());
      default -> {
        if (e.getStatus() >= 500) yield Problem.of(ProblemCode.INTERNAL, "internal error");
        Problem base = Problem.of(ProblemCode.INVALID_FIELD, e.getMessage());
        yield new Problem(base.type(), base.title(), e.getStatus(), e.getMessage(), base.code(), null, null, null);
      }
    };
  }

  /** The route template of a request, or {@code unmatched}: a bounded label for logs and metrics. */
  public static String safeRoute(Context ctx) {
    try {
      String p = ctx.endpointHandlerPath();
      return p == null || p.isEmpty() || p.equals("*") ? "unmatched" : p;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
