package dev.ferry.server.api;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.FolderKey;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;
import dev.ferry.server.store.PutKeyOutcome;
import dev.ferry.server.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;

/** A folder's wrapped key, its status and its change feed. */
public final class FoldersApi {
  /** A wrapped 256-bit key is well under 200 characters; this leaves room for other wrappings. */
  static final int MAX_WRAPPED_KEY_CHARS = 4096;

  private final Store store;
  private final Clock clock;
  private final BearerAuth auth;

  FoldersApi(Store store, Clock clock, BearerAuth auth) {
    this.store = store;
    this.clock = clock;
    this.auth = auth;
  }

  public void register(Javalin app) {
    String folder = Protocol.PREFIX + "/folders/{folder}";
    app.put(folder + "/key", this::putKey);
    app.get(folder + "/key", this::getKey);
    app.get(folder, this::status);
    app.get(folder + "/changes", this::changes);
  }

  private void putKey(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    FolderKey key = Requests.json(ctx, FolderKey.class, 64 * 1024);
    Base64Field.check("wrappedKey", key.wrappedKey(), MAX_WRAPPED_KEY_CHARS);
    if (key.wrappedKey().isEmpty()) throw ApiException.field(ProblemCode.INVALID_FIELD, "wrappedKey", "wrappedKey is empty");
    PutKeyOutcome outcome = store.putFolderKey(caller.accountId(), folder, key.wrappedKey(), clock.instant());
    if (outcome instanceof PutKeyOutcome.Different) {
      throw ApiException.of(ProblemCode.KEY_EXISTS, "folder " + folder + " already has a different key; GET it and use that one");
    }
    Responses.json(ctx, 200, FolderKey.class, key);
  }

  private void getKey(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    String key = store.folderKey(caller.accountId(), folder)
        .orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "folder " + folder + " has no key yet"));
    Responses.json(ctx, 200, FolderKey.class, new FolderKey(key));
  }

  private void status(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    Responses.json(ctx, 200, FolderStatus.class, store.folderStatus(caller.accountId(), folder));
  }

  private void changes(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    long since = Requests.queryLong(ctx, "since", 0, 0, Long.MAX_VALUE);
    int limit = (int) Requests.queryLong(ctx, "limit", Protocol.DEFAULT_CHANGES_LIMIT, 1, Protocol.MAX_CHANGES_LIMIT);
    Responses.json(ctx, 200, ChangesPage.class, store.changes(caller.accountId(), folder, since, limit));
  }
}
