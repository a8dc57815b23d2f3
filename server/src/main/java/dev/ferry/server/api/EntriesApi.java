package dev.ferry.server.api;

import dev.ferry.protocol.BatchRequest;
import dev.ferry.protocol.BatchResponse;
import dev.ferry.protocol.BatchResult;
import dev.ferry.protocol.BatchWrite;
import dev.ferry.protocol.EntryHistory;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Ids;
import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;
import dev.ferry.protocol.WriteResult;
import dev.ferry.server.store.Store;
import dev.ferry.server.store.WriteCommand;
import dev.ferry.server.store.WriteOutcome;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Revision writes with compare-and-swap ({@code If-Match: "REV"} or {@code If-None-Match: *}),
 * idempotent retries, batches, and reads of heads, old revisions and history.
 */
public final class EntriesApi {
  private static final Pattern QUOTED_REV = Pattern.compile("\"([1-9][0-9]{0,17})\"");
  private static final int MAX_IDEMPOTENCY_KEY = 255;
  /** How many missing chunk ids a 422 lists in its detail. */
  private static final int LIST_MISSING = 1000;

  private final Store store;
  private final Clock clock;
  private final BearerAuth auth;

  EntriesApi(Store store, Clock clock, BearerAuth auth) {
    this.store = store;
    this.clock = clock;
    this.auth = auth;
  }

  public void register(Javalin app) {
    String entries = Protocol.PREFIX + "/folders/{folder}/entries/{entryId}";
    app.put(entries, this::put);
    app.get(entries, this::get);
    app.get(entries + "/history", this::history);
    app.post(Protocol.PREFIX + "/folders/{folder}/batch", this::batch);
  }

  private void put(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    String entryId = Requests.entryId(ctx);
    long baseRev = precondition(ctx);
    String key = idempotencyKey(ctx.header(Protocol.IDEMPOTENCY_KEY), Protocol.IDEMPOTENCY_KEY);
    EntryWrite w = Requests.json(ctx, EntryWrite.class, Protocol.MAX_JSON_BODY);
    EntryWriteRules.check(w, "");
    WriteOutcome outcome = store.write(caller.accountId(), folder, caller.deviceId(),
        List.of(new WriteCommand(entryId, baseRev, key, w)), clock.instant()).get(0);
    if (outcome instanceof WriteOutcome.Accepted a) {
      ctx.header("ETag", "\"" + a.result().rev() + "\"");
      Responses.json(ctx, 200, WriteResult.class, a.result());
    } else if (outcome instanceof WriteOutcome.RevMismatch m) {
      throw ApiException.revMismatch(mismatchDetail(baseRev, m.current()), m.current());
    } else if (outcome instanceof WriteOutcome.MissingChunks m) {
      throw ApiException.of(ProblemCode.MISSING_CHUNKS, missingDetail(m.missing()));
    } else {
      throw ApiException.field(ProblemCode.INVALID_HEADER, Protocol.IDEMPOTENCY_KEY,
          "this Idempotency-Key was already used for a different write of this entry");
    }
  }

  /** 0 for {@code If-None-Match: *}, the rev of {@code If-Match: "REV"}; one of them is required. */
  private static long precondition(Context ctx) {
    String ifMatch = ctx.header("If-Match");
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifMatch != null && ifNoneMatch != null) {
      throw ApiException.field(ProblemCode.INVALID_HEADER, "If-Match", "send either If-Match or If-None-Match, not both");
    }
    if (ifNoneMatch != null) {
      if (!ifNoneMatch.trim().equals("*")) {
        throw ApiException.field(ProblemCode.INVALID_HEADER, "If-None-Match", "If-None-Match must be *, got " + Requests.printable(ifNoneMatch));
      }
      return 0;
    }
    if (ifMatch == null) {
      throw ApiException.of(ProblemCode.PRECONDITION_REQUIRED, "send If-Match: \"REV\" to update or If-None-Match: * to create");
    }
    Matcher m = QUOTED_REV.matcher(ifMatch.trim());
    if (!m.matches()) {
      throw ApiException.field(ProblemCode.INVALID_HEADER, "If-Match", "If-Match must be a quoted revision like \"3\", got " + Requests.printable(ifMatch));
    }
    return Long.parseLong(m.group(1));
  }

  private static String idempotencyKey(String key, String field) {
    if (key == null) return null;
    if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw ApiException.field(ProblemCode.INVALID_HEADER, field, field + " must be 1-" + MAX_IDEMPOTENCY_KEY + " printable ASCII characters");
    }
    return key;
  }

  private static String mismatchDetail(long baseRev, EntryMeta current) {
    if (current == null) return "the entry does not exist (expected rev " + baseRev + ")";
    if (baseRev == 0) return "the entry exists at rev " + current.rev() + (current.deleted() ? " (deleted)" : "");
    return "the entry is at rev " + current.rev() + ", not " + baseRev;
  }

  private static String missingDetail(List<String> missing) {
    StringBuilder b = new StringBuilder("the hub lacks ").append(missing.size()).append(" chunk(s): ");
    b.append(String.join(", ", missing.subList(0, Math.min(LIST_MISSING, missing.size()))));
    if (missing.size() > LIST_MISSING) b.append(", ...");
    return b.toString();
  }

  private void get(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    String entryId = Requests.entryId(ctx);
    long rev = Requests.queryLong(ctx, "rev", 0, 1, Long.MAX_VALUE);
    EntryMeta m = store.entry(caller.accountId(), folder, entryId, rev).orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND,
        rev == 0 ? "folder " + folder + " has no entry " + entryId : "revision " + rev + " of entry " + entryId + " is not kept"));
    ctx.header("ETag", "\"" + m.rev() + "\"");
    Responses.json(ctx, 200, EntryMeta.class, m);
  }

  private void history(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    String entryId = Requests.entryId(ctx);
    List<EntryMeta> revisions = store.history(caller.accountId(), folder, entryId);
    if (revisions.isEmpty()) throw ApiException.of(ProblemCode.NOT_FOUND, "folder " + folder + " has no entry " + entryId);
    Responses.json(ctx, 200, EntryHistory.class, new EntryHistory(entryId, revisions));
  }

  private void batch(Context ctx) {
    Caller caller = auth.require(ctx);
    String folder = Requests.folder(ctx);
    BatchRequest req = Requests.json(ctx, BatchRequest.class, Protocol.MAX_JSON_BODY);
    if (req.writes().size() > Protocol.MAX_BATCH_WRITES) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "writes",
          "at most " + Protocol.MAX_BATCH_WRITES + " writes per batch, got " + req.writes().size());
    }
    BatchResult[] results = new BatchResult[req.writes().size()];
    List<WriteCommand> commands = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < req.writes().size(); i++) {
      BatchWrite bw = req.writes().get(i);
      String prefix = "writes[" + i + "].";
      try {
        if (bw == null) throw ApiException.field(ProblemCode.INVALID_FIELD, "writes[" + i + "]", "null write");
        if (!Ids.isEntryId(bw.entryId())) {
          throw ApiException.field(ProblemCode.INVALID_ID, prefix + "entryId", "not a valid entry id: " + Requests.printable(bw.entryId()));
        }
        if (bw.baseRev() < 0) throw ApiException.field(ProblemCode.INVALID_FIELD, prefix + "baseRev", "baseRev must be 0 (create) or the head rev");
        String key = idempotencyKey(bw.idempotencyKey(), prefix + "idempotencyKey");
        EntryWriteRules.check(bw.entry(), prefix + "entry.");
        commands.add(new WriteCommand(bw.entryId(), bw.baseRev(), key, bw.entry()));
        positions.add(i);
      } catch (ApiException e) {
        results[i] = new BatchResult(bw == null ? null : bw.entryId(), e.problem().status(), e.problem().code(), 0, 0, null);
      }
    }
    List<WriteOutcome> outcomes = store.write(caller.accountId(), folder, caller.deviceId(), commands, clock.instant());
    for (int k = 0; k < outcomes.size(); k++) {
      String entryId = commands.get(k).entryId();
      WriteOutcome o = outcomes.get(k);
      BatchResult r;
      if (o instanceof WriteOutcome.Accepted a) {
        r = new BatchResult(entryId, 200, null, a.result().rev(), a.result().seq(), null);
      } else if (o instanceof WriteOutcome.RevMismatch m) {
        r = new BatchResult(entryId, 409, ProblemCode.REV_MISMATCH.code(), 0, 0, m.current());
      } else if (o instanceof WriteOutcome.MissingChunks) {
        r = new BatchResult(entryId, 422, ProblemCode.MISSING_CHUNKS.code(), 0, 0, null);
      } else {
        r = new BatchResult(entryId, 400, ProblemCode.INVALID_HEADER.code(), 0, 0, null);
      }
      results[positions.get(k)] = r;
    }
    Responses.json(ctx, 200, BatchResponse.class, new BatchResponse(List.of(results)));
  }
}
