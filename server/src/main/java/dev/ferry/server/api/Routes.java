package dev.ferry.server.api;

import dev.ferry.server.SignupMode;
import dev.ferry.server.auth.DecoyKdf;
import dev.ferry.server.auth.LoginRateLimiter;
import dev.ferry.server.events.EventBroker;
import dev.ferry.server.store.Store;
import io.javalin.Javalin;
import java.time.Clock;

/** Every route of API v1, one resource class each, and the problem+json error mapping. */
public final class Routes {
  private Routes() {}

  /** What the routes need from the hub around them. */
  public record Deps(Store store, EventBroker broker, HttpMetrics metrics, Clock clock, SignupMode signup,
      DecoyKdf decoys, LoginRateLimiter limiter, String version, StorageHealth health) {}

  public static void register(Javalin app, Deps d) {
    BearerAuth auth = new BearerAuth(d.store(), d.clock());
    ProblemResponses.register(app, d.health());
    new OpsApi(d.store(), d.broker(), d.metrics(), d.version(), d.health()).register(app);
    new AccountsApi(d.store(), d.clock(), d.signup(), d.decoys(), d.limiter()).register(app);
    new DevicesApi(d.store(), d.clock(), auth).register(app);
    new FoldersApi(d.store(), d.clock(), auth).register(app);
    new ChunksApi(d.store(), d.clock(), auth).register(app);
    new EntriesApi(d.store(), d.clock(), auth).register(app);
    new EventsApi(d.store(), d.broker(), auth).register(app);
  }
}
