package dev.ferry.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.EntryWrite;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
  void theEarlierHubsDigestIsPinned() {
    // A retry may reach a later hub than the one that stored its key: the digest earlier hubs
    // stored for a given request never changes. Computed once with the adapter's JSON (the
    // formula of every hub before the CRC-32C one) and pinned here.
    WriteCommand c = new WriteCommand("e".repeat(43), 7, "key-1", new EntryWrite(false, 1024, List.of(), "aW5saW5l", META));
    assertEquals("e8111548f82c4df6e9e922fd27c9a8afbad843990dad06962a1d738b7bc4d952", HexFormat.of().formatHex(c.legacyRequestHash()));
  }

  @org.junit.jupiter.api.Test
  void theDigestIsPinned() {
    // Keys this hub stores are checked by later hubs with this same formula.
    WriteCommand c = new WriteCommand("e".repeat(43), 7, "key-1", new EntryWrite(false, 1024, List.of(), "aW5saW5l", META));
    assertEquals(PINNED, HexFormat.of().formatHex(c.requestHash()));
  }

  // Checked against an independent computation of the formula (Python: hashlib, a bitwise CRC-32C).
  static final String PINNED = "cc8344c12ff03e4091ff85b801146120928b07ec5640053e55b3f054bdb50425";

  @org.junit.jupiter.api.Test
  void aStoredDigestMatchesByEitherFormula() {
    WriteCommand c = new WriteCommand("e".repeat(43), 7, "key-1", new EntryWrite(false, 1024, List.of(), "aW5saW5l", META));
    WriteCommand other = new WriteCommand("e".repeat(43), 7, "key-1", new EntryWrite(false, 1024, List.of(), "aW5saW5m", META));
    byte[] hash = c.requestHash();
    assertTrue(c.sameRequest(hash, hash), "this hub's own key");
    assertTrue(c.sameRequest(c.legacyRequestHash(), hash), "a key an earlier hub stored");
    assertFalse(c.sameRequest(other.requestHash(), hash), "the key reused for other content");
    assertFalse(c.sameRequest(other.legacyRequestHash(), hash), "the key reused, stored by an earlier hub");
  }

  /** Writes that differ in one field each, and in where one field ends and the next begins. */
  static Stream<List<WriteCommand>> differing() {
    EntryWrite base = new EntryWrite(false, 10, List.of("ab", "c"), "aW5saW5l", META);
    return Stream.of(
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e2", 1, "k", base)),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 2, "k", base)),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(true, 10, List.of("ab", "c"), "aW5saW5l", META))),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(false, 11, List.of("ab", "c"), "aW5saW5l", META))),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(false, 10, List.of("a", "bc"), "aW5saW5l", META))),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(false, 10, List.of("abc"), "aW5saW5l", META))),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(false, 10, List.of("ab", "c"), "aW5saW5m", META))),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(false, 10, List.of("ab", "c"), "aW5saW5lAA==", META))),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(false, 10, List.of("ab", "c"), null, META))),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(false, 10, List.of("ab", "c"), "aW5saW5l", META + "x"))),
        List.of(new WriteCommand("e1", 1, "k", base), new WriteCommand("e1", 1, "k", new EntryWrite(false, 10, List.of("ab", "c"), "aW5saW5l", null))),
        List.of(new WriteCommand("e1", 1, "k", new EntryWrite(false, 0, List.of(), null, "")),
            new WriteCommand("e1", 1, "k", new EntryWrite(false, 0, List.of(), "", null))));
  }

  @ParameterizedTest
  @MethodSource("differing")
  void writesThatDifferHashApart(List<WriteCommand> pair) {
    assertFalse(Arrays.equals(pair.get(0).requestHash(), pair.get(1).requestHash()));
  }

  @Property(tries = 500)
  void theSameWriteHashesAlikeAndOtherInlineContentApart(@ForAll long size, @ForAll String inline, @ForAll String other) {
    WriteCommand c = new WriteCommand("e", 3, "k", new EntryWrite(false, size, List.of(), inline, META));
    WriteCommand copy = new WriteCommand("e", 3, "k", new EntryWrite(false, size, List.of(), new String(inline), META));
    assertArrayEquals(c.requestHash(), copy.requestHash());
    if (!inline.equals(other) && !inline.contains("\uFFFD") && !other.contains("\uFFFD") && valid(inline) && valid(other)) {
      WriteCommand o = new WriteCommand("e", 3, "k", new EntryWrite(false, size, List.of(), other, META));
      assertFalse(Arrays.equals(c.requestHash(), o.requestHash()), "inline " + inline + " vs " + other);
    }
  }

  /** Whether a string is well-formed UTF-16 (no lone surrogate): only those encode to UTF-8 one to one. */
  private static boolean valid(String s) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(s);
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
