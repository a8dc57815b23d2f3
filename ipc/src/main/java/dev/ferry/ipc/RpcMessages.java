package dev.ferry.ipc;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.ferry.protocol.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okio.Buffer;

/**
 * The JSON-RPC 2.0 envelope, both directions: encoding requests, responses, errors and
 * notifications as single lines, and parsing them back. Shared by server and client; it holds
 * no state. Ids are kept as String, Long or BigDecimal so a numeric id is echoed as sent.
 */
final class RpcMessages {
  /** The longest request line the server reads (SPEC §6). */
  static final int MAX_REQUEST_LINE = 1 << 20;

  private static final JsonAdapter<Object> ANY = Json.adapter(Object.class);

  private RpcMessages() {}

  /** What one request line turned out to be. */
  sealed interface Parsed permits Request, Invalid {}

  /**
   * A well-formed request. {@code hasId} false means a notification. {@code paramsJson} is the raw
   * params object, or null when params were absent or null; {@code paramsProblem} is set when
   * params were present but not an object.
   */
  record Request(boolean hasId, Object id, String method, String paramsJson, String paramsProblem) implements Parsed {}

  /** A line that earns an error response. */
  record Invalid(Object id, int code, String message) implements Parsed {}

  /** A line the client received: a response (method null) or a notification (method set). */
  record Incoming(Object id, String method, String resultJson, RpcException error) {
    boolean isNotification() { return method != null; }
  }

  static Parsed parseRequest(byte[] line) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString();
    } catch (CharacterCodingException e) {
      return new Invalid(null, RpcErrors.PARSE_ERROR, "parse error: request is not valid UTF-8");
    }
    try {
      JsonReader check = reader(text);
      check.skipValue();
      if (check.peek() != JsonReader.Token.END_DOCUMENT) throw new IOException("trailing data after the JSON value");
    } catch (IOException | JsonDataException e) {
      return new Invalid(null, RpcErrors.PARSE_ERROR, "parse error: " + e.getMessage());
    }
    try {
      return envelope(reader(text));
    } catch (IOException | JsonDataException e) {
      // The line is valid JSON, so this can only be a shape the reader refuses.
      return new Invalid(null, RpcErrors.INVALID_REQUEST, "invalid request: " + e.getMessage());
    }
  }

  private static Parsed envelope(JsonReader in) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT:
        break;
      case BEGIN_ARRAY:
        return new Invalid(null, RpcErrors.INVALID_REQUEST, "batch not supported: send one request object per line");
      default:
        return new Invalid(null, RpcErrors.INVALID_REQUEST, "invalid request: expected a JSON object, got " + describe(in.peek()));
    }
    String version = null;
    String method = null;
    boolean methodPresent = false;
    boolean hasId = false;
    Object id = null;
    String badId = null;
    String paramsJson = null;
    String paramsProblem = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "jsonrpc" -> version = in.peek() == JsonReader.Token.STRING ? in.nextString() : skipped(in);
        case "method" -> {
          methodPresent = true;
          method = in.peek() == JsonReader.Token.STRING ? in.nextString() : skipped(in);
        }
        case "id" -> {
          hasId = true;
          JsonReader.Token t = in.peek();
          if (t == JsonReader.Token.STRING) {
            id = in.nextString();
          } else if (t == JsonReader.Token.NUMBER) {
            id = number(in.nextString());
          } else if (t == JsonReader.Token.NULL) {
            id = in.nextNull();
          } else {
            badId = describe(t);
            in.skipValue();
          }
        }
        case "params" -> {
          JsonReader.Token t = in.peek();
          if (t == JsonReader.Token.BEGIN_OBJECT) {
            paramsJson = in.nextSource().readUtf8();
          } else if (t == JsonReader.Token.NULL) {
            in.nextNull();
          } else {
            paramsProblem = "params must be a JSON object of named parameters, got " + describe(t);
            in.skipValue();
          }
        }
        default -> in.skipValue();
      }
    }
    in.endObject();
    if (badId != null) {
      return new Invalid(null, RpcErrors.INVALID_REQUEST, "invalid request: id must be a string, a number or null, got " + badId);
    }
    if (!"2.0".equals(version)) {
      return new Invalid(id, RpcErrors.INVALID_REQUEST, "invalid request: \"jsonrpc\" must be \"2.0\"");
    }
    if (method == null) {
      return new Invalid(id, RpcErrors.INVALID_REQUEST,
          methodPresent ? "invalid request: \"method\" must be a string" : "invalid request: \"method\" is missing");
    }
    return new Request(hasId, id, method, paramsJson, paramsProblem);
  }

  /** Parses a line the daemon sent to the client. */
  static Incoming parseIncoming(byte[] line) throws IOException {
    JsonReader in = reader(new String(line, StandardCharsets.UTF_8));
    Object id = null;
    String method = null;
    String resultJson = null;
    RpcException error = null;
    try {
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "id" -> {
            JsonReader.Token t = in.peek();
            id = t == JsonReader.Token.NUMBER ? number(in.nextString()) : t == JsonReader.Token.STRING ? in.nextString() : skipped(in);
          }
          case "method" -> method = in.peek() == JsonReader.Token.STRING ? in.nextString() : skipped(in);
          case "result" -> resultJson = in.nextSource().readUtf8();
          case "error" -> error = error(in.readJsonValue());
          default -> in.skipValue();
        }
      }
      in.endObject();
    } catch (JsonDataException e) {
      throw new IOException("the daemon sent a malformed message: " + e.getMessage(), e);
    }
    if (method == null && resultJson == null && error == null) {
      throw new IOException("the daemon sent a message that is neither a response nor a notification");
    }
    return new Incoming(id, method, resultJson, error);
  }

  /** The whole line as Maps, Lists, Strings, Doubles and Booleans: how notifications are handed out. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseMap(byte[] line) throws IOException {
    Object value = ANY.fromJson(new String(line, StandardCharsets.UTF_8));
    if (!(value instanceof Map)) throw new IOException("the daemon sent a notification that is not an object");
    return (Map<String, Object>) value;
  }

  private static RpcException error(Object value) throws IOException {
    if (!(value instanceof Map<?, ?> map) || !(map.get("code") instanceof Number code)) {
      throw new IOException("the daemon sent an error without a numeric code: " + value);
    }
    Object message = map.get("message");
    return new RpcException(code.intValue(), message == null ? "" : message.toString(), map.get("data"));
  }

  static byte[] request(Object id, String method, Object params) {
    return line(w -> {
      w.name("jsonrpc").value("2.0");
      if (id != null) writeId(w, id);
      w.name("method").value(method);
      if (params != null) {
        w.name("params");
        ANY.toJson(w, params);
      }
    });
  }

  static byte[] notification(String method, Object params) {
    return request(null, method, params);
  }

  /** Throws (JsonDataException, IllegalArgumentException) when {@code result} cannot be serialized. */
  static byte[] result(Object id, Object result) {
    return line(w -> {
      w.name("jsonrpc").value("2.0");
      writeId(w, id);
      w.name("result");
      if (result == null) {
        writeNull(w);
      } else {
        ANY.toJson(w, result);
      }
    });
  }

  /** Never fails: data that cannot be serialized is left out. */
  static byte[] error(Object id, int code, String message, Object data) {
    if (data != null) {
      try {
        return errorLine(id, code, message, data);
      } catch (RuntimeException e) {
        // fall through: the error itself matters more than its detail
      }
    }
    return errorLine(id, code, message, null);
  }

  private static byte[] errorLine(Object id, int code, String message, Object data) {
    return line(w -> {
      w.name("jsonrpc").value("2.0");
      writeId(w, id);
      w.name("error").beginObject();
      w.name("code").value(code);
      w.name("message").value(message == null ? RpcErrors.name(code) : message);
      if (data != null) {
        w.name("data");
        ANY.toJson(w, data);
      }
      w.endObject();
    });
  }

  private interface Body {
    void write(JsonWriter w) throws IOException;
  }

  private static byte[] line(Body body) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject();
      body.write(w);
      w.endObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    buffer.writeByte('\n');
    return buffer.readByteArray();
  }

  private static void writeId(JsonWriter w, Object id) throws IOException {
    w.name("id");
    if (id == null) {
      writeNull(w);
    } else if (id instanceof Number n) {
      w.value(n);
    } else {
      w.value(id.toString());
    }
  }

  /** JsonWriter drops a null member unless asked to keep it; "id": null and "result": null must stay. */
  private static void writeNull(JsonWriter w) throws IOException {
    boolean keep = w.getSerializeNulls();
    w.setSerializeNulls(true);
    w.nullValue();
    w.setSerializeNulls(keep);
  }

  private static Object number(String literal) {
    try {
      return Long.valueOf(literal);
    } catch (NumberFormatException e) {
      return new BigDecimal(literal);
    }
  }

  private static <T> T skipped(JsonReader in) throws IOException {
    in.skipValue();
    return null;
  }

  private static JsonReader reader(String text) {
    return JsonReader.of(new Buffer().writeUtf8(text));
  }

  private static String describe(JsonReader.Token t) {
    return switch (t) {
      case BEGIN_ARRAY -> "an array";
      case BEGIN_OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> t.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
