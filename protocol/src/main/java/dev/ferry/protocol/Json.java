package dev.ferry.protocol;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import okio.Buffer;

/**
 * The one Moshi instance of the wire protocol. Records are read with Moshi's record support;
 * instants travel as ISO-8601 strings. A string field takes only a JSON string: Moshi's own
 * adapter would read {@code 123} or {@code true} as "123" and "true", so a client that sent a
 * number where a name belongs got "no folder '123'" instead of being told its params are wrong.
 */
public final class Json {
  private static final Moshi MOSHI = new Moshi.Builder().add(Instant.class, new InstantAdapter().nullSafe())
      .add(String.class, new StrictStringAdapter().nullSafe()).add(new Base64Text.Adapter()).build();

  private Json() {}

  public static Moshi moshi() { return MOSHI; }

  public static <T> JsonAdapter<T> adapter(Class<T> type) { return MOSHI.adapter(type); }

  public static <T> JsonAdapter<T> adapter(Type type) { return MOSHI.adapter(type); }

  /** Serializes without nulls; the shape clients see. */
  public static <T> String write(Class<T> type, T value) { return adapter(type).toJson(value); }

  /**
   * {@link #write} as the UTF-8 bytes that go on the wire. A String in between would be
   * decoded from the adapter's UTF-8 and then encoded again, character by character.
   */
  public static <T> byte[] writeUtf8(Class<T> type, T value) {
    Buffer out = new Buffer();
    try {
      adapter(type).toJson(out, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return out.readByteArray();
  }

  /**
   * Parses strictly: trailing garbage and unknown enum values fail. Throws
   * {@link JsonDataException} or {@link IOException}-wrapping {@link IllegalArgumentException}
   * with a message that names the JSON path of the problem.
   */
  public static <T> T read(Class<T> type, String json) {
    return parse(adapter(type).failOnUnknown(), new Buffer().writeUtf8(json));
  }

  /** {@link #read} of UTF-8 bytes, read as they are: the same strictness, the same messages. */
  public static <T> T read(Class<T> type, byte[] utf8) {
    return parse(adapter(type).failOnUnknown(), new Buffer().write(utf8));
  }

  private static final String UNKNOWN_FIELD = "Cannot skip unexpected NAME at $.";

  /**
   * The field a strict parse refused as unknown ({@code a.zzz} from Moshi's "Cannot skip
   * unexpected NAME at $.a.zzz", which are the parser's words, not the caller's), or null when
   * {@code message} says something else.
   */
  public static String unknownFieldIn(String message) {
    return message != null && message.startsWith(UNKNOWN_FIELD) ? message.substring(UNKNOWN_FIELD.length()) : null;
  }

  /** How an unknown field is said to whoever sent it, on the hub's API and the control socket alike. */
  public static String unknownFieldMessage(String field) {
    return "unknown field '" + field + "'";
  }

  private static final java.util.regex.Pattern EXPECTED =
      java.util.regex.Pattern.compile("(?i)expected (an? [a-z]+|[A-Z_]+) but was ([A-Z_]+)(?: at path| at)? (\\$\\S*)");

  /**
   * A parser's complaint in the words of whoever sent the JSON: Moshi's "Use
   * JsonReader.setLenient(true) to accept malformed JSON at path $.user" and "Expected
   * BEGIN_OBJECT but was STRING at path $" are advice to the programmer and token names. What
   * is not one of its known phrasings is left as it is.
   */
  public static String plainMessage(String message) {
    if (message == null) return "not valid JSON";
    String unknown = unknownFieldIn(message);
    if (unknown != null) return unknownFieldMessage(unknown);
    if (message.startsWith("Use JsonReader.setLenient(true) to accept malformed JSON")) {
      return "not valid JSON" + at(message);
    }
    if (message.startsWith("JSON document was not fully consumed")) return "trailing data after the JSON document";
    if (message.startsWith("End of input")) return "the JSON ends too early" + at(message);
    if (message.startsWith("Unterminated ")) return message.replace("Unterminated ", "unterminated ").replace(" at path ", " at ");
    java.util.regex.Matcher m = EXPECTED.matcher(message);
    if (m.find()) return "expected " + tokenWords(m.group(1)) + " but found " + tokenWords(m.group(2)) + " at " + m.group(3);
    return message.replace(" at path $", " at $");
  }

  private static String at(String message) {
    int i = message.lastIndexOf(" at path ");
    return i < 0 ? "" : " at " + message.substring(i + " at path ".length());
  }

  private static String tokenWords(String token) {
    return switch (token) {
      case "BEGIN_OBJECT" -> "an object";
      case "BEGIN_ARRAY" -> "an array";
      case "END_OBJECT" -> "the end of an object";
      case "END_ARRAY" -> "the end of an array";
      case "STRING" -> "a string";
      case "NUMBER" -> "a number";
      case "BOOLEAN" -> "true or false";
      case "NULL" -> "null";
      case "NAME" -> "a field name";
      case "END_DOCUMENT" -> "the end of the document";
      default -> token.toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Like {@link #read} but tolerates unknown fields: what a client uses for hub answers. */
  public static <T> T readLenient(Class<T> type, String json) {
    return parse(adapter(type), new Buffer().writeUtf8(json));
  }

  /** One whole document: what Moshi's {@code fromJson(String)} does, plus a refused null. */
  private static <T> T parse(JsonAdapter<T> adapter, Buffer json) {
    try {
      JsonReader reader = JsonReader.of(json);
      T value = adapter.fromJson(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) throw new JsonDataException("JSON document was not fully consumed.");
      if (value == null) throw new JsonDataException("expected a JSON object, got null");
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static final class StrictStringAdapter extends JsonAdapter<String> {
    @Override
    public String fromJson(JsonReader reader) throws IOException {
      JsonReader.Token token = reader.peek();
      if (token != JsonReader.Token.STRING) {
        throw new JsonDataException("expected a string but was " + token + " at path " + reader.getPath());
      }
      return reader.nextString();
    }

    @Override
    public void toJson(JsonWriter writer, String value) throws IOException {
      writer.value(value);
    }
  }

  private static final class InstantAdapter extends JsonAdapter<Instant> {
    @Override
    public Instant fromJson(JsonReader reader) throws IOException {
      String s = reader.nextString();
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw new JsonDataException("not an ISO-8601 instant at " + reader.getPath() + ": " + s);
      }
    }

    @Override
    public void toJson(JsonWriter writer, Instant value) throws IOException {
      writer.value(value.toString());
    }
  }
}
