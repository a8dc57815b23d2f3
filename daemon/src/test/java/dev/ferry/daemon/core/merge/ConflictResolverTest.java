package dev.ferry.daemon.core.merge;

import static dev.ferry.config.ConflictStrategy.KEEP_BOTH;
import static dev.ferry.config.ConflictStrategy.LAST_WRITE_WINS;
import static dev.ferry.config.ConflictStrategy.LOCAL_WINS;
import static dev.ferry.config.ConflictStrategy.MANUAL;
import static dev.ferry.config.ConflictStrategy.MERGE;
import static dev.ferry.config.ConflictStrategy.REMOTE_WINS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.core.ConflictResolution;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per case: (strategy, path, ancestor, local, remote, mtimes, devices) → the resolution, printed. */
class ConflictResolverTest {
  static final Instant NOW = Instant.parse("2024-05-01T10:20:30Z");
  static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2024-05-01T10:05:00Z");
  static final String COPY = "notes/a.conflict-laptop-20240501-102030.txt";
  static final String JCOPY = "chat.conflict-laptop-20240501-102030.json";
  static final byte[] BIN_A = {1, 2, 0, 3};
  static final byte[] BIN_L = {1, 2, 0, 4};
  static final byte[] BIN_R = {1, 2, 0, 5};

  static Stream<Arguments> rows() {
    String a = "1\n2\n3\n4\n";
    String l = "one\n2\n3\n4\n";
    String r = "1\n2\n3\nfour\n";
    String clash = "1\n2\n3\nFOUR\n";
    return Stream.of(
        // merge
        row(MERGE, "notes/a.txt", a, l, r, T1, T2, "devA", "devB", "UseMerged[one\n2\n3\nfour\n, localRevisionFirst=true, reason=merge (text)]"),
        row(MERGE, "notes/a.txt", a, r, clash, T1, T2, "devA", "devB",
            "KeepBoth[copyName=" + COPY + ", nameSide=REMOTE, reason=merge (text) failed, kept both: both sides changed lines 4-4 differently]"),
        row(MERGE, "notes/a.txt", null, l, r, T1, T2, "devA", "devB",
            "KeepBoth[copyName=" + COPY + ", nameSide=REMOTE, reason=merge: no common ancestor, kept both]"),
        row(MERGE, "notes/a.txt", a, l, a + "", T1, T2, "devA", "devB", "KeepLocal[reason=merge (text): result is the local content]"),
        row(MERGE, "notes/a.txt", a, l, l, T1, T2, "devA", "devB", "KeepLocal[reason=merge (text): result is the local content]"),
        row(MERGE, "chat.json", "{\"m\":[{\"id\":1}]}", "{\"m\":[{\"id\":1},{\"id\":2}]}", "{\"m\":[{\"id\":1},{\"id\":3}]}", T1, T2, "devA", "devB",
            "UseMerged[{\"m\":[{\"id\":1},{\"id\":2},{\"id\":3}]}, localRevisionFirst=true, reason=merge (JSON)]"),
        row(MERGE, "chat.json", "{\"a\":1}", "{\"a\":2}", "{\"a\":3}", T1, T2, "devA", "devB",
            "KeepBoth[copyName=" + JCOPY + ", nameSide=REMOTE, reason=merge (JSON) failed, kept both: $.a: changed on both sides (number)]"),
        row(MERGE, "chat.json", "{\"a\":1}", "{\"a\":", "{\"a\":3}", T1, T2, "devA", "devB",
            "KeepBoth[copyName=" + JCOPY + ", nameSide=REMOTE, reason=merge (JSON) failed, kept both: not JSON (local): unexpected end, expected a value at line 1, column 6]"),
        // JSON by content: a file without the extension that is JSON on every side merges field by field.
        row(MERGE, "notes/a.txt", "{\"a\":1,\"b\":1}", "{\"a\":2,\"b\":1}", "{\"a\":1,\"b\":2}", T1, T2, "devA", "devB",
            "UseMerged[{\"a\":2,\"b\":2}, localRevisionFirst=true, reason=merge (JSON)]"),
        // ...and one that is JSON on one side only merges as text.
        row(MERGE, "notes/a.txt", "x\n{\n", "y\n{\n", "x\n{\n}\n", T1, T2, "devA", "devB", "UseMerged[y\n{\n}\n, localRevisionFirst=true, reason=merge (text)]"),
        rowBytes(MERGE, "notes/a.txt", BIN_A, BIN_L, BIN_R, T1, T2, "devA", "devB", false,
            "KeepBoth[copyName=" + COPY + ", nameSide=REMOTE, reason=merge: binary file, kept both]"),
        rowBytes(MERGE, "notes/a.txt", a.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28}, r.getBytes(StandardCharsets.UTF_8), T1, T2, "devA", "devB", false,
            "KeepBoth[copyName=" + COPY + ", nameSide=REMOTE, reason=merge: binary file, kept both]"),
        rowBytes(MERGE, "notes/a.txt", a.getBytes(StandardCharsets.UTF_8), l.getBytes(StandardCharsets.UTF_8), r.getBytes(StandardCharsets.UTF_8), T1, T2, "devA", "devB", true,
            "UseMerged[one\n2\n3\nfour\n, localRevisionFirst=false, reason=merge (text)]"),
        // keep-both
        row(KEEP_BOTH, "notes/a.txt", a, l, r, T1, T2, "devA", "devB", "KeepBoth[copyName=" + COPY + ", nameSide=REMOTE, reason=keep-both]"),
        rowBytes(KEEP_BOTH, "notes/a.txt", null, BIN_L, BIN_R, T1, T2, "devA", "devB", true, "KeepBoth[copyName=" + COPY + ", nameSide=REMOTE, reason=keep-both]"),
        // last-write-wins
        row(LAST_WRITE_WINS, "notes/a.txt", a, l, r, T2, T1, "devA", "devB", "KeepLocal[reason=last-write-wins: local is newer]"),
        row(LAST_WRITE_WINS, "notes/a.txt", a, l, r, T1, T2, "devA", "devB", "KeepRemote[localCopyName=" + COPY + ", reason=last-write-wins: remote is newer]"),
        rowBytes(LAST_WRITE_WINS, "notes/a.txt", null, BIN_L, BIN_R, T1, T2, "devA", "devB", true, "KeepRemote[localCopyName=null, reason=last-write-wins: remote is newer]"),
        row(LAST_WRITE_WINS, "notes/a.txt", a, l, r, T1, T1, "devB", "devA", "KeepLocal[reason=last-write-wins: same time, local device id is greater]"),
        row(LAST_WRITE_WINS, "notes/a.txt", a, l, r, T1, T1, "devA", "devB",
            "KeepRemote[localCopyName=" + COPY + ", reason=last-write-wins: same time, remote device id is greater]"),
        row(LAST_WRITE_WINS, "notes/a.txt", a, l, r, T1, T1, "devA", "devA",
            "KeepRemote[localCopyName=" + COPY + ", reason=last-write-wins: same time and device id, remote kept]"),
        row(LAST_WRITE_WINS, "notes/a.txt", a, l, r, T1.plusNanos(1), T1, "devA", "devB", "KeepLocal[reason=last-write-wins: local is newer]"),
        // local-wins, remote-wins, manual
        row(LOCAL_WINS, "notes/a.txt", a, l, r, T1, T2, "devA", "devB", "KeepLocal[reason=local-wins]"),
        row(REMOTE_WINS, "notes/a.txt", a, l, r, T2, T1, "devA", "devB", "KeepRemote[localCopyName=" + COPY + ", reason=remote-wins]"),
        rowBytes(REMOTE_WINS, "notes/a.txt", null, BIN_L, BIN_R, T2, T1, "devA", "devB", true, "KeepRemote[localCopyName=null, reason=remote-wins]"),
        row(MANUAL, "notes/a.txt", a, l, r, T1, T2, "devA", "devB", "WaitManual[reason=manual: waiting for ferry resolve]"));
  }

  static Arguments row(ConflictStrategy s, String path, String a, String l, String r, Instant lt, Instant rt,
      String ld, String rd, String expected) {
    return rowBytes(s, path, a == null ? null : a.getBytes(StandardCharsets.UTF_8), l.getBytes(StandardCharsets.UTF_8),
        r.getBytes(StandardCharsets.UTF_8), lt, rt, ld, rd, false, expected);
  }

  static Arguments rowBytes(ConflictStrategy s, String path, byte[] a, byte[] l, byte[] r, Instant lt, Instant rt,
      String ld, String rd, boolean localIsHubRevision, String expected) {
    return Arguments.of(s, new ConflictCase(path, a, l, r, lt, rt, ld, rd, "laptop", NOW, localIsHubRevision), expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rows")
  void decides(ConflictStrategy strategy, ConflictCase c, String expected) {
    ConflictResolution res = ConflictResolver.decide(strategy, c);
    assertEquals(expected, show(res));
    // Invariant 6 on every row.
    ConflictResolution.Outcome o = res.outcome(c.local(), c.remote(), c.localIsHubRevision());
    assertTrue(o.keeps(c.local()), "local content kept");
    assertTrue(o.keeps(c.remote()), "remote content kept");
  }

  /** Like the record's toString, with merged bytes shown as text. */
  static String show(ConflictResolution r) {
    if (r instanceof ConflictResolution.UseMerged m) {
      return "UseMerged[" + new String(m.merged(), StandardCharsets.UTF_8) + ", localRevisionFirst=" + m.localRevisionFirst()
          + ", reason=" + m.reason() + "]";
    }
    return r.toString();
  }

  @Test
  void fileKinds() {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] text = "hello\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(FileKind.JSON, FileKind.of("x.json", text));
    assertEquals(FileKind.JSON, FileKind.of("X.JSON", json));
    assertEquals(FileKind.JSON, FileKind.of("x", json, null, json));
    assertEquals(FileKind.JSON, FileKind.of("x", "\uFEFF [1]".getBytes(StandardCharsets.UTF_8)));
    assertEquals(FileKind.TEXT, FileKind.of("x", json, text));
    assertEquals(FileKind.TEXT, FileKind.of("x", "{ not json".getBytes(StandardCharsets.UTF_8)));
    assertEquals(FileKind.TEXT, FileKind.of("x", "42".getBytes(StandardCharsets.UTF_8)));
    assertEquals(FileKind.TEXT, FileKind.of("x"));
    assertEquals(FileKind.BINARY, FileKind.of("x.json", json, new byte[] {'a', 0}));
    assertEquals(FileKind.BINARY, FileKind.of("x.txt", new byte[] {(byte) 0xFF}));
    assertEquals(FileKind.BINARY, FileKind.of("x.txt", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "an encoded surrogate is not UTF-8");
  }

  @Test
  void aFileTooLargeToMergeKeepsBothAndSaysWhy() {
    ConflictCase c = new ConflictCase("notes/a.txt", new byte[0], new byte[0], new byte[0], T1, T2, "devA", "devB", "laptop", NOW, false);
    assertEquals("KeepBoth[copyName=" + COPY + ", nameSide=REMOTE, reason=merge: larger than 8 MiB, not merged, kept both]",
        ConflictResolver.tooLargeToMerge(c, 8L << 20).toString());
  }

  @Test
  void aDeletedSideIsNotAContentConflict() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> new ConflictCase("p", null, null, new byte[0], T1, T1, "a", "b", "n", NOW, false));
    assertEquals("local content (a deleted side is not a content conflict)", e.getMessage());
  }

  @Test
  void outcomeCatchesAResolutionThatLosesTheLocalContent() {
    byte[] local = {1};
    byte[] remote = {2};
    ConflictResolution lossy = new ConflictResolution.KeepRemote(null, "bad");
    assertEquals(false, lossy.outcome(local, remote, false).keeps(local));
    assertEquals(true, lossy.outcome(local, remote, true).keeps(local));
    ConflictResolution merged = new ConflictResolution.UseMerged(new byte[] {3}, false, "m");
    assertEquals(false, merged.outcome(local, remote, false).keeps(local));
  }
}
