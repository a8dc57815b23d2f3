package dev.ferry.server.api;

import dev.ferry.server.auth.Tokens;
import dev.ferry.server.store.DeviceAuth;
import dev.ferry.server.store.Store;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks {@code Authorization: Bearer TOKEN} against the stored token hashes on every request,
 * so a revoked device is refused at once. Last-seen times are written at most once a minute per
 * device, to keep reads from turning into writes.
 */
final class BearerAuth {
  private static final int MAX_TOKEN_CHARS = 512;
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final Store store;
  private final Clock clock;

  BearerAuth(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Caller require(Context ctx) {
    String h = ctx.header("Authorization");
    if (h == null || h.isBlank()) throw ApiException.unauthorized("this route needs Authorization: Bearer <device token>");
    if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) throw ApiException.unauthorized("the Authorization header must use the Bearer scheme");
    String token = h.substring(7).trim();
    if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) throw ApiException.unauthorized("the bearer token is malformed");
    DeviceAuth d = store.deviceByToken(Tokens.sha256(token))
        .orElseThrow(() -> ApiException.unauthorized("the device token is unknown or revoked"));
    var now = clock.instant();
    if (d.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) store.touchDevice(d.deviceId(), now);
    return new Caller(d.accountId(), d.user(), d.deviceId());
  }
}
