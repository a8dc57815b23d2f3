package dev.ferry.ipc;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpcMessagesTest {
  private static RpcMessages.Parsed parse(String line) {
    return RpcMessages.parseRequest(line.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(byte[] line) {
    return new String(line, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"jsonrpc":"2.0","id":1,"method":                         | -32700 | parse error
      {"jsonrpc":"2.0",'id':1,"method":"x"}                      | -32700 | parse error
      {"jsonrpc":"2.0","id":1,"method":"x"} trailing             | -32700 | parse error
      [{"jsonrpc":"2.0","id":1,"method":"x"}]                    | -32600 | batch not supported
      "status"                                                   | -32600 | expected a JSON object
      {"jsonrpc":"1.0","id":1,"method":"x"}                      | -32600 | "jsonrpc" must be "2.0"
      {"id":1,"method":"x"}                                      | -32600 | "jsonrpc" must be "2.0"
      {"jsonrpc":"2.0","id":1}                                   | -32600 | "method" is missing
      {"jsonrpc":"2.0","id":1,"method":7}                        | -32600 | "method" must be a string
      {"jsonrpc":"2.0","id":[1],"method":"x"}                    | -32600 | id must be a string, a number or null
      {"jsonrpc":"2.0","id":true,"method":"x"}                   | -32600 | id must be a string, a number or null
      """)
  void badLinesAreClassified(String line, int code, String fragment) {
    RpcMessages.Invalid invalid = assertInstanceOf(RpcMessages.Invalid.class, parse(line));
    assertEquals(code, invalid.code());
    assertTrue(invalid.message().contains(fragment), invalid.message());
  }

  @Test
  void invalidUtf8IsAParseError() {
    byte[] line = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
    RpcMessages.Invalid invalid = assertInstanceOf(RpcMessages.Invalid.class, RpcMessages.parseRequest(line));
    assertEquals(RpcErrors.PARSE_ERROR, invalid.code());
    assertNull(invalid.id());
  }

  @Test
  void aWrongVersionStillEchoesAValidId() {
    RpcMessages.Invalid invalid = assertInstanceOf(RpcMessages.Invalid.class, parse("{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"x\"}"));
    assertEquals("a", invalid.id());
  }

  @Test
  void requestKeepsIdsExactAndParamsRaw() {
    var r = assertInstanceOf(RpcMessages.Request.class,
        parse("{\"params\":{\"n\":12345678901234567},\"id\":12345678901234567,\"jsonrpc\":\"2.0\",\"method\":\"m\",\"extra\":[1]}"));
    assertTrue(r.hasId());
    assertEquals(12345678901234567L, r.id());
    assertEquals("m", r.method());
    assertEquals("{\"n\":12345678901234567}", r.paramsJson());
    assertNull(r.paramsProblem());
    assertTrue(text(RpcMessages.result(r.id(), 1)).contains("\"id\":12345678901234567,"));

    var fractional = assertInstanceOf(RpcMessages.Request.class, parse("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"m\"}"));
    assertEquals(new BigDecimal("1.5"), fractional.id());
  }

  @Test
  void notificationsAndNullParams() {
    var n = assertInstanceOf(RpcMessages.Request.class, parse("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":null}"));
    assertFalse(n.hasId());
    assertNull(n.paramsJson());
    var nullId = assertInstanceOf(RpcMessages.Request.class, parse("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\"}"));
    assertTrue(nullId.hasId(), "id null is a request, answered with id null");
    assertNull(nullId.id());
    var positional = assertInstanceOf(RpcMessages.Request.class, parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[1]}"));
    assertTrue(positional.paramsProblem().contains("got an array"), positional.paramsProblem());
  }

  @Test
  void nullResultAndNullIdAreWrittenNotDropped() {
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":null}\n", text(RpcMessages.result(null, null)));
    String error = text(RpcMessages.error(null, -32700, "parse error: x", null));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error: x\"}}\n", error);
  }

  @Test
  void incomingResponsesAndNotificationsRoundTrip() throws Exception {
    var response = RpcMessages.parseIncoming(RpcMessages.result(3L, Map.of("a", 1)));
    assertEquals(3L, response.id());
    assertFalse(response.isNotification());
    assertEquals("{\"a\":1}", response.resultJson());

    var error = RpcMessages.parseIncoming(RpcMessages.error(4L, RpcErrors.NOT_FOUND, "unknown folder x", Map.of("folder", "x")));
    assertEquals(RpcErrors.NOT_FOUND, error.error().code());
    assertEquals("unknown folder x", error.error().getMessage());
    assertEquals(Map.of("folder", "x"), error.error().data());

    byte[] note = RpcMessages.notification("tick", Map.of("n", 2));
    assertTrue(RpcMessages.parseIncoming(note).isNotification());
    assertEquals(Map.of("jsonrpc", "2.0", "method", "tick", "params", Map.of("n", 2.0)), RpcMessages.parseMap(note));
  }

  @Test
  void unserializableErrorDataIsLeftOutRatherThanLosingTheError() {
    Object unserializable = new Object() {};
    String error = text(RpcMessages.error(1L, RpcErrors.FAILED, "boom", unserializable));
    assertTrue(error.contains("\"message\":\"boom\""), error);
    assertFalse(error.contains("data"), error);
  }
}
