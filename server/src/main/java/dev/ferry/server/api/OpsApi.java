package dev.ferry.server.api;

import dev.ferry.protocol.Health;
import dev.ferry.protocol.Protocol;
import dev.ferry.server.events.EventBroker;
import dev.ferry.server.store.Store;
import dev.ferry.server.store.StoreStats;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** {@code /healthz} (which checks the database) and {@code /metrics}: no authentication, nothing secret. */
public final class OpsApi {
  private final Store store;
  private final EventBroker broker;
  private final HttpMetrics metrics;
  private final String version;
  private final StorageHealth health;

  OpsApi(Store store, EventBroker broker, HttpMetrics metrics, String version, StorageHealth health) {
    this.store = store;
    this.health = health;
    this.broker = broker;
    this.metrics = metrics;
    this.version = version;
  }

  public void register(Javalin app) {
    app.get("/healthz", this::health);
    app.get("/metrics", this::metrics);
  }

  /** 200 while the database answers a quick check; 503 storage_unavailable while it does not (the log says why). */
  private void health(Context ctx) {
    if (!health.check()) {
      ProblemResponses.unavailable(ctx);
      return;
    }
    Responses.json(ctx, 200, Health.class, new Health("ok", version, Protocol.VERSION));
  }

  private void metrics(Context ctx) {
    StringBuilder out = new StringBuilder(4096);
    metrics.write(out);
    StoreStats s = store.stats();
    HttpMetrics.gauge(out, "ferry_accounts", "Accounts on this hub.", s.accounts());
    HttpMetrics.gauge(out, "ferry_devices", "Devices that are not revoked.", s.devices());
    HttpMetrics.gauge(out, "ferry_entries", "Entries (heads) across all folders.", s.entries());
    HttpMetrics.gauge(out, "ferry_revisions", "Revisions kept across all entries.", s.revisions());
    HttpMetrics.gauge(out, "ferry_chunks", "Chunks stored.", s.chunks());
    HttpMetrics.gauge(out, "ferry_stored_bytes", "Ciphertext bytes stored (chunks and inline content).", s.bytes());
    HttpMetrics.gauge(out, "ferry_sse_subscribers", "Open event streams.", broker.subscribers());
    ctx.status(200);
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(out.toString());
  }
}
