package dev.ferry.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void entryMetaRoundTripsWithInstantsAndLists() {
    EntryMeta m = new EntryMeta("a".repeat(64), 3, 17, false, 120, List.of("b".repeat(64)), null, "bWV0YQ==",
        "dev-12345678", Instant.parse("2026-01-02T03:04:05.123Z"));
    String json = Json.write(EntryMeta.class, m);
    assertTrue(json.contains("\"modifiedAt\":\"2026-01-02T03:04:05.123Z\""), json);
    assertFalse(json.contains("inline"), "nulls are omitted: " + json);
    assertEquals(m, Json.read(EntryMeta.class, json));
  }

  @Test
  void missingListBecomesEmpty() {
    EntryWrite w = Json.read(EntryWrite.class, "{\"deleted\":true,\"size\":0,\"meta\":\"eA==\"}");
    assertEquals(List.of(), w.chunks());
    assertTrue(w.deleted());
  }

  @Test
  void strictReadRefusesUnknownFieldsNamingThePath() {
    var e = assertThrows(RuntimeException.class, () -> Json.read(SessionRequest.class, "{\"user\":\"a\",\"bogus\":1}"));
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
  }

  @Test
  void wrongTypeIsRefusedNamingThePath() {
    var e = assertThrows(RuntimeException.class, () -> Json.read(EntryWrite.class, "{\"size\":\"big\"}"));
    assertTrue(e.getMessage().contains("size"), e.getMessage());
  }

  @Test
  void aNumberOrBooleanWhereAStringBelongsIsRefusedNotCoerced() {
    for (String value : List.of("123", "true", "1.5")) {
      var e = assertThrows(RuntimeException.class,
          () -> Json.read(SessionRequest.class, "{\"user\":" + value + "}"));
      assertTrue(e.getMessage().contains("expected a string") && e.getMessage().contains("$.user"), e.getMessage());
    }
    assertEquals(List.of("a", "b"), Json.read(EntryWrite.class, "{\"deleted\":false,\"size\":0,\"chunks\":[\"a\",\"b\"]}").chunks());
  }

  @Test
  void badInstantIsRefused() {
    assertThrows(RuntimeException.class,
        () -> Json.read(DeviceInfo.class, "{\"id\":\"x\",\"createdAt\":\"yesterday\"}"));
  }

  @Test
  void nullDocumentIsRefused() {
    assertThrows(RuntimeException.class, () -> Json.read(FolderKey.class, "null"));
  }

  @Test
  void problemCarriesCodeAndCurrent() {
    EntryMeta head = new EntryMeta("c".repeat(64), 2, 9, true, 0, List.of(), null, "eA==", "d", Instant.EPOCH);
    Problem p = Problem.of(ProblemCode.REV_MISMATCH, "stale").withCurrent(head);
    Problem back = Json.read(Problem.class, Json.write(Problem.class, p));
    assertEquals("rev_mismatch", back.code());
    assertEquals(409, back.status());
    assertEquals(head, back.current());
  }

  @Test
  void problemCodesAreUniqueAndFoundByCode() {
    for (ProblemCode c : ProblemCode.values()) {
      assertEquals(c, ProblemCode.fromCode(c.code()).orElseThrow());
      assertTrue(c.status() >= 400 && c.status() < 600);
    }
    assertTrue(ProblemCode.fromCode("nope").isEmpty());
  }

  @Test
  void readingBytesIsReadingTheirText() {
    // The hub parses request bodies as bytes: it must accept and refuse exactly what the text
    // reader does, with the same messages (the API maps them to problem codes).
    for (String json : List.of("{\"deleted\":true,\"size\":0,\"meta\":\"eA==\"}", "{\"deleted\":false,\"size\":1,\"meta\":\"é✓\"}",
        "{} trailing", "{\"size\":\"big\"}", "{\"bogus\":1}", "null", "{\"size\":", "[1]", "")) {
      byte[] utf8 = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(outcome(() -> Json.read(EntryWrite.class, json)), outcome(() -> Json.read(EntryWrite.class, utf8)), json);
    }
  }

  /** The value read, or the exception's class and message: what a caller gets either way. */
  private static Object outcome(java.util.function.Supplier<Object> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  @Test
  void writtenBytesAreTheTextInUtf8() {
    EntryMeta m = new EntryMeta("a".repeat(64), 3, 17, false, 120, List.of(), "naïve ✓ \uD83D\uDE00", "bWV0YQ==",
        "dev-ünï", Instant.parse("2026-01-02T03:04:05.123Z"));
    assertArrayEquals(Json.write(EntryMeta.class, m).getBytes(java.nio.charset.StandardCharsets.UTF_8), Json.writeUtf8(EntryMeta.class, m));
  }

  @Test
  void aParsersComplaintIsSaidInTheSendersWords() {
    assertEquals("not valid JSON at $.user", plain("{\"user\": \"x\", bad"));
    assertEquals("not valid JSON at $", plain("nonsense"));
    assertEquals("expected a string but found a number at $.user", plain("{\"user\": 5}"));
    assertEquals("expected an object but found an array at $", plain("[1]"));
    assertEquals("the JSON ends too early", plain("{\"user\": "));
    assertEquals("unterminated string at $.user", plain("{\"user\": \"abc"));
    assertEquals("unknown field 'zzz'", plain("{\"zzz\": 1}"));
    assertEquals("not valid JSON at $", plain("{} {}"), "a second document is malformed JSON to a strict reader");
    assertEquals("trailing data after the JSON document", Json.plainMessage("JSON document was not fully consumed."));
    assertEquals("something else entirely", Json.plainMessage("something else entirely"), "an unknown phrasing is kept");
  }

  private static String plain(String json) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> Json.read(SessionRequest.class, json));
    return Json.plainMessage(e.getMessage());
  }
}
