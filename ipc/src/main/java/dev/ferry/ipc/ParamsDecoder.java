package dev.ferry.ipc;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.ferry.protocol.Json;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Set;
import okio.Buffer;

/**
 * Decodes request params strictly, but lets a hand-written client leave out flags: Moshi's
 * record adapter requires every primitive component, so missing ones are added as their zero
 * value before decoding (textually, so long values keep full precision).
 */
final class ParamsDecoder {
  private ParamsDecoder() {}

  static <T> T decode(String method, String paramsJson, Class<T> type) throws RpcException {
    try {
      String json = type.isRecord() ? withPrimitiveDefaults(paramsJson, type) : paramsJson;
      T value = Json.adapter(type).failOnUnknown().fromJson(json);
      if (value == null) throw new JsonDataException("expected a JSON object at $");
      return value;
    } catch (JsonDataException | IOException e) {
      String unknown = Json.unknownFieldIn(e.getMessage());
      throw new RpcException(RpcErrors.INVALID_PARAMS, "invalid params for " + method + ": "
          + (unknown != null ? Json.unknownFieldMessage(unknown) : e.getMessage()));
    }
  }

  private static String withPrimitiveDefaults(String paramsJson, Class<?> type) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(paramsJson));
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return paramsJson;
    Set<String> present = new HashSet<>();
    reader.beginObject();
    while (reader.hasNext()) {
      present.add(reader.nextName());
      reader.skipValue();
    }
    StringBuilder defaults = new StringBuilder();
    for (RecordComponent c : type.getRecordComponents()) {
      Class<?> t = c.getType();
      if (!t.isPrimitive() || present.contains(c.getName())) continue;
      String zero = t == boolean.class ? "false" : t == char.class ? null : "0";
      if (zero == null) continue;
      if (defaults.length() > 0) defaults.append(',');
      defaults.append('"').append(c.getName()).append("\":").append(zero);
    }
    if (defaults.length() == 0) return paramsJson;
    String body = paramsJson.substring(paramsJson.indexOf('{') + 1);
    return "{" + defaults + (present.isEmpty() ? "" : ",") + body;
  }
}
