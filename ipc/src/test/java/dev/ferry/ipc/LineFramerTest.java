package dev.ferry.ipc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> strings(List<byte[]> lines) {
    return lines.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void splitsLinesAcrossFeedsAndStripsCarriageReturns() {
    LineFramer framer = new LineFramer(100);
    List<byte[]> out = new ArrayList<>();
    assertTrue(framer.feed(bytes("one\ntw"), out));
    assertTrue(framer.feed(bytes("o\r\nthree\n\nfour"), out));
    assertEquals(List.of("one", "two", "three", ""), strings(out));
    assertEquals("four", new String(framer.finish(), StandardCharsets.UTF_8));
    assertNull(framer.finish());
  }

  @Test
  void aLineOfExactlyTheLimitPassesOneByteMoreOverflows() {
    LineFramer framer = new LineFramer(10);
    List<byte[]> out = new ArrayList<>();
    assertTrue(framer.feed(bytes("0123456789\n"), out));
    assertEquals(List.of("0123456789"), strings(out));
    ByteBuffer rest = bytes("01234567890123456789\nok\n");
    assertFalse(framer.feed(rest, out));
    assertTrue(rest.hasRemaining(), "the rest of the over-long line is left unread, not buffered");
    assertEquals(1, out.size());
    assertNull(framer.finish());
  }

  @Test
  void linesCompletedBeforeAnOverflowAreStillDelivered() {
    LineFramer framer = new LineFramer(5);
    List<byte[]> out = new ArrayList<>();
    assertFalse(framer.feed(bytes("ab\ncd\n" + "x".repeat(50)), out));
    assertEquals(List.of("ab", "cd"), strings(out));
  }
}
