package dev.ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.ToJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Base64 fields written as bytes: the same JSON as Moshi's string writer, for any text. */
class Base64TextTest {
  /** The qualifier through Moshi's own string writer: what the JSON must equal. */
  static final class Plain {
    @ToJson
    void toJson(JsonWriter w, @Base64Text String s) throws IOException {
      w.value(s);
    }

    @FromJson
    @Base64Text
    String fromJson(JsonReader r) throws IOException {
      return r.peek() == JsonReader.Token.NULL ? r.nextNull() : r.nextString();
    }
  }

  static final Moshi PLAIN = new Moshi.Builder().add(Instant.class, Json.moshi().adapter(Instant.class)).add(new Plain()).build();

  static EntryMeta meta(String inline, String meta) {
    return new EntryMeta("e1", 3, 42, false, 5, List.of("c1", "c2"), inline, meta, "dev", Instant.parse("2026-12-03T10:00:00Z"));
  }

  @Test
  void moshiSeesTheQualifierOnTheRecordComponents() {
    // Without an adapter for the qualifier Moshi refuses the record: the fields are not plain strings to it.
    Moshi without = new Moshi.Builder().add(Instant.class, Json.moshi().adapter(Instant.class)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> without.adapter(EntryMeta.class));
    assertTrue(e.getMessage().contains("Base64Text"), e.getMessage());
  }

  @Test
  void base64AndEveryOddTextWriteTheSameJsonAsMoshisStringWriter() throws Exception {
    byte[] content = new byte[70_000];
    new Random(5).nextBytes(content);
    String b64 = Base64.getEncoder().encodeToString(content);
    for (EntryMeta m : List.of(meta(b64, "bWV0YQ=="), meta(null, "bWV0YQ=="), meta("", ""),
        meta("quote\" backslash\\ newline\n tab\t", "ünïcødé \u2028 😀"), meta("del\u007f", null))) {
      String ours = new String(Json.writeUtf8(EntryMeta.class, m), StandardCharsets.UTF_8);
      assertEquals(PLAIN.adapter(EntryMeta.class).toJson(m), ours);
      assertEquals(m, Json.read(EntryMeta.class, ours));
    }
    ChangesPage page = new ChangesPage(List.of(meta(b64, "eA=="), meta(null, "eQ==")), 9, true);
    assertEquals(PLAIN.adapter(ChangesPage.class).toJson(page), Json.write(ChangesPage.class, page));
  }

  @Test
  void onlyPrintableAsciiWithoutQuoteOrBackslashGoesVerbatim() {
    assertTrue(Base64Text.Adapter.verbatim("QUJD+/==".getBytes(StandardCharsets.UTF_8)));
    for (String s : List.of("a\"b", "a\\b", "a\nb", "\u0000", "é", "\u007f")) {
      assertFalse(Base64Text.Adapter.verbatim(s.getBytes(StandardCharsets.UTF_8)), s);
    }
  }
}
