package dev.ferry.daemon.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.MediaType;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class BatchBodyTest {
  static final MediaType JSON = MediaType.get("application/json");

  @Test
  void writesTheJoinedTextsAsUtf8AndSaysItsLengthInBytes() throws Exception {
    BatchBody body = new BatchBody(JSON, List.of("{\"a\":1}", "{\"b\":\"é→😀\"}", "{}"));
    String expected = "{\"writes\":[{\"a\":1},{\"b\":\"é→😀\"},{}]}";
    Buffer out = new Buffer();
    body.writeTo(out);
    assertEquals(expected, out.readUtf8());
    assertEquals(expected.getBytes(StandardCharsets.UTF_8).length, body.contentLength());
  }

  @Test
  void canBeWrittenAgainForARetry() throws Exception {
    BatchBody body = new BatchBody(JSON, List.of("{\"a\":1}"));
    Buffer first = new Buffer();
    Buffer second = new Buffer();
    body.writeTo(first);
    body.writeTo(second);
    assertEquals(first.readUtf8(), second.readUtf8());
    assertEquals(JSON, body.contentType());
  }
}
