package dev.ferry.server.api;

import dev.ferry.protocol.ChunkIds;
import dev.ferry.protocol.Ids;
import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;
import dev.ferry.server.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;

/** Encrypted chunks of one account's folder: ask which are missing, upload, download. */
public final class ChunksApi {
  private static final String OCTETS = "application/octet-stream";

  private final Store store;
  private final Clock clock;
  private final BearerAuth auth;

  ChunksApi(Store store, Clock clock, BearerAuth auth) {
    this.store = store;
    this.clock = clock;
    this.auth = auth;
  }

  public void register(Javalin app) {
    String chunks = Protocol.PREFIX + "/folders/{folder}/chunks";
    app.post(chunks + "/missing", this::missing);
    app.put(chunks + "/{chunkId}", this::put);
    app.get(chunks + "/{chunkId}", this::get);
  }

  private void missing(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    ChunkIds ids = Requests.json(ctx, ChunkIds.class, Protocol.MAX_JSON_BODY);
    if (ids.ids().size() > Protocol.MAX_MISSING_QUERY) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "ids", "at most " + Protocol.MAX_MISSING_QUERY + " ids per query, got " + ids.ids().size());
    }
    for (int i = 0; i < ids.ids().size(); i++) {
      if (!Ids.isChunkId(ids.ids().get(i))) {
        throw ApiException.field(ProblemCode.INVALID_ID, "ids[" + i + "]", "not a valid chunk id: " + Requests.printable(ids.ids().get(i)));
      }
    }
    Responses.json(ctx, 200, ChunkIds.class, new ChunkIds(store.missingChunks(caller.accountId(), folder, ids.ids())));
  }

  private void put(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    String chunkId = Requests.chunkId(ctx);
    String ct = ctx.header("Content-Type");
    if (ct != null && !ct.isBlank() && !ct.toLowerCase().startsWith(OCTETS)) {
      throw ApiException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "expected Content-Type " + OCTETS + ", got " + ct);
    }
    byte[] data = Requests.body(ctx, Protocol.MAX_CHUNK_BYTES);
    boolean created = store.putChunk(caller.accountId(), folder, chunkId, data, clock.instant());
    ctx.status(created ? 201 : 200);
  }

  private void get(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    String chunkId = Requests.chunkId(ctx);
    byte[] data = store.chunk(caller.accountId(), folder, chunkId)
        .orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "folder " + folder + " has no chunk " + chunkId));
    ctx.status(200);
    ctx.contentType(OCTETS);
    ctx.result(data);
  }
}
