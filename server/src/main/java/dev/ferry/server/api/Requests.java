package dev.ferry.server.api;

import com.squareup.moshi.JsonDataException;
import dev.ferry.protocol.Ids;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.ProblemCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading what a request carries — bodies with a size cap, strict JSON, path ids, query
 * numbers — and refusing bad input with a problem that names what is wrong.
 */
final class Requests {
  private static final Pattern JSON_PATH = Pattern.compile("at (?:path )?\\$\\.?([^\\s]*)");

  private Requests() {}

  /** Reads the body, refusing more than {@code max} bytes before reading them all. */
  static byte[] body(Context ctx, int max) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw ApiException.of(ProblemCode.PAYLOAD_TOO_LARGE, "the body has " + declared + " bytes; at most " + max + " are accepted");
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) {
        throw ApiException.of(ProblemCode.PAYLOAD_TOO_LARGE, "the body is larger than " + max + " bytes");
      }
      return b;
    } catch (IOException e) {
      throw ApiException.of(ProblemCode.MALFORMED_JSON, "the request body could not be read: " + e.getMessage());
    }
  }

  /** Parses a JSON body strictly (unknown fields and wrong types are refused). */
  static <T> T json(Context ctx, Class<T> type, int max) {
    String ct = ctx.header("Content-Type");
    if (ct != null && !ct.isBlank() && !ct.toLowerCase().startsWith("application/json")) {
      throw ApiException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "expected Content-Type application/json, got " + ct);
    }
    byte[] raw = body(ctx, max);
    if (raw.length == 0) throw ApiException.of(ProblemCode.MALFORMED_JSON, "the request body is empty; expected a JSON object");
    try {
      return Json.read(type, raw);
    } catch (JsonDataException e) {
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("not fully consumed")) {
        throw ApiException.of(ProblemCode.MALFORMED_JSON, "trailing data after the JSON document");
      }
      String field = fieldOf(msg);
      if (Json.unknownFieldIn(msg) != null && field != null) {
        throw ApiException.field(ProblemCode.INVALID_FIELD, field, Json.unknownFieldMessage(field));
      }
      if (field == null) throw ApiException.of(ProblemCode.INVALID_FIELD, Json.plainMessage(msg));
      throw ApiException.field(ProblemCode.INVALID_FIELD, field, Json.plainMessage(msg));
    } catch (IllegalArgumentException e) {
      throw ApiException.of(ProblemCode.MALFORMED_JSON, "malformed JSON: " + Json.plainMessage(e.getMessage()));
    } catch (RuntimeException | AssertionError e) {
      // A record constructor refused what Moshi read (such as a null inside a list); Moshi
      // reports that as an AssertionError wrapping the constructor's exception.
      throw ApiException.of(ProblemCode.INVALID_FIELD, "the request does not have the expected shape: " + e);
    }
  }

  /** The field a Moshi message points at ({@code $.entry.size} gives {@code entry.size}), or null. */
  static String fieldOf(String message) {
    Matcher m = JSON_PATH.matcher(message);
    String last = null;
    while (m.find()) last = m.group(1);
    if (last == null) return null;
    last = last.replaceAll("[.,;:]+$", "");
    return last.isEmpty() ? null : last;
  }

  static String folder(Context ctx) {
    String f = ctx.pathParam("folder");
    if (!Ids.isFolderId(f)) throw ApiException.field(ProblemCode.INVALID_ID, "folder", "not a valid folder id: " + printable(f));
    return f;
  }

  static String entryId(Context ctx) {
    String e = ctx.pathParam("entryId");
    if (!Ids.isEntryId(e)) throw ApiException.field(ProblemCode.INVALID_ID, "entryId", "not a valid entry id (64 lowercase hex): " + printable(e));
    return e;
  }

  static String chunkId(Context ctx) {
    String c = ctx.pathParam("chunkId");
    if (!Ids.isChunkId(c)) throw ApiException.field(ProblemCode.INVALID_ID, "chunkId", "not a valid chunk id (64 lowercase hex): " + printable(c));
    return c;
  }

  /** A non-negative long query parameter, or {@code dflt} when absent. */
  static long queryLong(Context ctx, String name, long dflt, long min, long max) {
    String v = ctx.queryParam(name);
    if (v == null) return dflt;
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, name,
          "query parameter " + name + " must be an integer from " + min + " to " + max + ", got " + printable(v));
    }
  }

  /** Quotes untrusted text for an error message, cut short and without control characters. */
  static String printable(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("'");
    s.codePoints().limit(100).forEach(c -> {
      if (Character.isISOControl(c)) b.append('?');
      else b.appendCodePoint(c);
    });
    return b.append(s.length() > 100 ? "...'" : "'").toString();
  }
}
