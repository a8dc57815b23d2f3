package dev.ferry.protocol;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.JsonQualifier;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.ToJson;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import okio.BufferedSink;

/**
 * A string field that holds base64 (sealed content, sealed metadata): written into the JSON as
 * its bytes, in one copy, instead of through Moshi's string writer, which looks at and then
 * encodes one character at a time. On the hub (C1 only) that writer was about a sixth of its CPU
 * serving the change feed of a folder of 60 KB files. Text that is not plain printable ASCII
 * without quote or backslash (never base64; the hub checks what it stores) takes the usual path.
 */
@JsonQualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Base64Text {
  /** The adapter behind the qualifier, registered on {@link Json#moshi()}. */
  final class Adapter {
    @ToJson
    void toJson(JsonWriter writer, @Base64Text String value) throws IOException {
      if (value == null) {
        writer.nullValue();
        return;
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      if (!verbatim(bytes)) {
        writer.value(value);
        return;
      }
      try (BufferedSink sink = writer.valueSink()) {
        sink.writeByte('"').write(bytes).writeByte('"');
      }
    }

    @FromJson
    @Base64Text
    String fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
      return reader.nextString();
    }

    /** Whether UTF-8 bytes can stand in a JSON string as they are: ASCII, no control character, quote or backslash. */
    static boolean verbatim(byte[] utf8) {
      for (byte b : utf8) {
        // A byte >= 0x80 (not ASCII) is negative: below 0x20 too.
        if (b < 0x20 || b == '"' || b == '\\' || b == 0x7f) return false;
      }
      return true;
    }
  }
}
