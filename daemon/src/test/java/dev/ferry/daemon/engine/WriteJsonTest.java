package dev.ferry.daemon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.protocol.BatchWrite;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Json;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The write JSON the push stores and sends is, byte for byte, what Moshi writes for the write. */
class WriteJsonTest {
  private static final String ID = "e".repeat(43);
  private static final String KEY = "0b3c8d9e-2f41-4a6b-9c7d-1e2f3a4b5c6d";

  @Test
  void inlineContentSplicedInIsWhatTheJsonWriterWouldHaveWritten() {
    Random rnd = new Random(1);
    for (int size : new int[] {0, 1, 2, 3, 57, 1024, 60 * 1024, 64 * 1024 + 28}) {
      byte[] sealed = new byte[size];
      rnd.nextBytes(sealed);
      String meta = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, (byte) size});
      BatchWrite w = new BatchWrite(ID, size, KEY,
          new EntryWrite(false, size, List.of(), Base64.getEncoder().encodeToString(sealed), meta));
      assertEquals(Json.write(BatchWrite.class, w), PushPhase.jsonOf(w), "sealed size " + size);
    }
  }

  @Test
  void writesWithoutInlineContentGoThroughTheJsonWriterAsTheyAre() {
    BatchWrite chunked = new BatchWrite(ID, 3, KEY, new EntryWrite(false, 5_000_000, List.of("c".repeat(43), "d".repeat(43)), null, "bQ=="));
    BatchWrite tombstone = new BatchWrite(ID, 4, KEY, new EntryWrite(true, 0, List.of(), null, "bQ=="));
    assertEquals(Json.write(BatchWrite.class, chunked), PushPhase.jsonOf(chunked));
    assertEquals(Json.write(BatchWrite.class, tombstone), PushPhase.jsonOf(tombstone));
  }
}
