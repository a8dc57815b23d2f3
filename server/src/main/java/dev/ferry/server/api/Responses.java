package dev.ferry.server.api;

import dev.ferry.protocol.Json;
import io.javalin.http.Context;

/** Writes JSON answers with the protocol's one Moshi instance. */
final class Responses {
  private Responses() {}

  static <T> void json(Context ctx, int status, Class<T> type, T value) {
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(Json.writeUtf8(type, value));
  }
}
