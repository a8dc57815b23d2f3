package dev.ferry.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.protocol.EntryWrite;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WriteCommandTest {

  private static final String META = "bWV0YS9jaXBoZXJ0ZXh0K3dpdGgvc2xhc2hlcz09";
  private static final String CHUNK = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  static Stream<EntryWrite> writes() {
    return Stream.of(
        new EntryWrite(true, 0, List.of(), null, META), // tombstone
        new EntryWrite(false, 1024, List.of(), "aW5saW5lK2NvbnRlbnQ/PQ==", META),
        new EntryWrite(false, 5 << 20, List.of(CHUNK, CHUNK.replace('0', 'f')), null, META),
        new EntryWrite(false, 0, List.of(), null, null),
        new EntryWrite(false, -1, List.of(), "", ""),
        // Strings the API would refuse, but the store must hash as the adapter writes them.
        new EntryWrite(false, 1, List.of("a\"b"), "back\\slash", "tab\there"),
        new EntryWrite(false, 1, List.of(), "ctl\u0001\u001f", "line\u2028sep\u2029"),
        new EntryWrite(false, 1, List.of("é"), "naïve ünïcode", "emoji \uD83D\uDE00 and lone \uD800"),
        new EntryWrite(false, Long.MAX_VALUE, List.of(), "<html>&amp;</html>", "'quotes'"));
  }

  @ParameterizedTest
  @MethodSource("writes")
  void theWritesJsonIsTheAdaptersJson(EntryWrite w) {
    assertEquals(new String(WriteCommand.adapterJson(w), StandardCharsets.UTF_8),
        new String(WriteCommand.json(w), StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void anyWriteHashesAsTheAdapterWritesIt(@ForAll boolean deleted, @ForAll long size, @ForAll @Size(max = 3) List<String> chunks,
      @ForAll String inline, @ForAll String meta) {
    EntryWrite w = new EntryWrite(deleted, size, chunks, inline, meta);
    assertArrayEquals(WriteCommand.adapterJson(w), WriteCommand.json(w));
  }

  @org.junit.jupiter.api.Test
  void theDigestIsPinned() {
    // A retry may reach a later hub than the one that stored its key: the digest of a given
    // request never changes. Computed once with the adapter's JSON (the formula of every
    // earlier hub) and pinned here.
    WriteCommand c = new WriteCommand("e".repeat(43), 7, "key-1", new EntryWrite(false, 1024, List.of(), "aW5saW5l", META));
    assertEquals("e8111548f82c4df6e9e922fd27c9a8afbad843990dad06962a1d738b7bc4d952", HexFormat.of().formatHex(c.requestHash()));
  }

  @org.junit.jupiter.api.Test
  void onlyCommandsWithAKeyAreHashed() {
    WriteCommand keyed = new WriteCommand("a", 0, "k", new EntryWrite(true, 0, List.of(), null, META));
    WriteCommand bare = new WriteCommand("b", 0, null, new EntryWrite(true, 0, List.of(), null, META));
    List<byte[]> hashes = WriteCommand.requestHashes(List.of(keyed, bare));
    assertArrayEquals(keyed.requestHash(), hashes.get(0));
    assertEquals(null, hashes.get(1));
  }
}
