package dev.ferry.daemon.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per case: (ancestor, local, remote) → merged text, or "CONFLICT " and the start of
 * the reason. Every row is also merged with the sides swapped: line merge is symmetric.
 */
class TextMergeTest {
  static final String TEN = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";

  static Stream<Arguments> rows() {
    return Stream.of(
        row("unchanged", "a\nb\n", "a\nb\n", "a\nb\n", "a\nb\n"),
        row("local only", "a\nb\n", "a\nB\n", "a\nb\n", "a\nB\n"),
        row("remote only", "a\nb\n", "a\nb\n", "A\nb\n", "A\nb\n"),
        row("same edit on both sides", "a\nb\nc\n", "a\nX\nc\n", "a\nX\nc\n", "a\nX\nc\n"),
        row("edits far apart", "1\n2\n3\n4\n5\n", "one\n2\n3\n4\n5\n", "1\n2\n3\n4\nfive\n", "one\n2\n3\n4\nfive\n"),
        row("edits one line apart", "1\n2\n3\n4\n", "1\nTWO\n3\n4\n", "1\n2\n3\nFOUR\n", "1\nTWO\n3\nFOUR\n"),
        row("adjacent edits conflict", "1\n2\n3\n4\n", "1\nTWO\n3\n4\n", "1\n2\nTHREE\n4\n", "CONFLICT both sides changed lines 2-3"),
        row("overlapping edits conflict", "1\n2\n3\n", "1\nX\n3\n", "1\nY\n3\n", "CONFLICT both sides changed lines 2-2 differently"),
        row("insert at top and append at end", "a\nb\nc\n", "top\na\nb\nc\n", "a\nb\nc\nend\n", "top\na\nb\nc\nend\n"),
        row("both append different lines: conflict, as in diff3", "a\nb\n", "a\nb\nfrom A\n", "a\nb\nfrom B\n", "CONFLICT both sides changed lines after line 2"),
        row("both append the same line", "a\nb\n", "a\nb\nsame\n", "a\nb\nsame\n", "a\nb\nsame\n"),
        row("both insert differently at one place", "a\nb\n", "a\nX\nb\n", "a\nY\nb\n", "CONFLICT both sides changed lines after line 1"),
        row("both insert the same at one place", "a\nb\nc\n", "a\nX\nb\nc\n", "a\nX\nb\nC\n", "a\nX\nb\nC\n"),
        row("delete here, edit elsewhere", "1\n2\n3\n4\n5\n", "1\n3\n4\n5\n", "1\n2\n3\n4\nfive\n", "1\n3\n4\nfive\n"),
        row("delete here, edit the same line there", "1\n2\n3\n", "1\n3\n", "1\nTWO\n3\n", "CONFLICT both sides changed lines 2-2"),
        row("both delete the same line", "1\n2\n3\n", "1\n3\n", "1\n3\n", "1\n3\n"),
        row("both delete the same line, one edits another", "1\n2\n3\n4\n5\n", "1\n3\n4\n5\n", "1\n3\n4\nFIVE\n", "1\n3\n4\nFIVE\n"),
        row("interleaved hunks", TEN, TEN.replace("2\n", "two\n").replace("6\n", "six\n"),
            TEN.replace("4\n", "four\n").replace("9\n", "nine\n"), "1\ntwo\n3\nfour\n5\nsix\n7\n8\nnine\n10\n"),
        row("insertion in the middle, deletion elsewhere", TEN, TEN.replace("5\n", "5\n5.5\n"), TEN.replace("9\n", ""),
            "1\n2\n3\n4\n5\n5.5\n6\n7\n8\n10\n"),
        row("CRLF kept", "a\r\nb\r\nc\r\n", "A\r\nb\r\nc\r\n", "a\r\nb\r\nC\r\n", "A\r\nb\r\nC\r\n"),
        row("CR kept", "a\rb\rc\r", "A\rb\rc\r", "a\rb\rC\r", "A\rb\rC\r"),
        row("missing final newline kept", "a\nb\nc", "A\nb\nc", "a\nb\nc!", "A\nb\nc!"),
        row("final newline added on one side", "a\nb\nc", "A\nb\nc", "a\nb\nc\n", "A\nb\nc\n"),
        row("final newline added and last line edited", "a\nb\nc", "a\nb\nc\n", "a\nb\nC", "CONFLICT both sides changed lines 3-3"),
        row("line endings changed on one side, a line on the other", "a\nb\n", "a\r\nb\r\n", "a\nB\n", "CONFLICT"),
        row("empty ancestor, one side writes", "", "hello\n", "", "hello\n"),
        row("empty ancestor, both write differently", "", "hello\n", "world\n", "CONFLICT both sides changed lines after line 0"),
        row("one side empties the file", "a\nb\n", "", "a\nb\n", ""),
        row("one side empties, the other edits", "a\nb\n", "", "a\nB\n", "CONFLICT"),
        row("unicode lines", "héllo\n-\nwörld\n", "héllo!\n-\nwörld\n", "héllo\n-\nwörld 🌍\n", "héllo!\n-\nwörld 🌍\n"));
  }

  static Arguments row(String name, String ancestor, String local, String remote, String expected) {
    return Arguments.of(name, ancestor, local, remote, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void merges(String name, String ancestor, String local, String remote, String expected) {
    MergeResult result = TextMerge.merge(ancestor, local, remote);
    MergeResult swapped = TextMerge.merge(ancestor, remote, local);
    if (expected.startsWith("CONFLICT")) {
      MergeResult.Conflict c = assertInstanceOf(MergeResult.Conflict.class, result, () -> "expected a conflict, got " + result);
      assertTrue(c.reason().startsWith(expected.substring("CONFLICT".length()).trim()), () -> "reason was: " + c.reason());
      assertInstanceOf(MergeResult.Conflict.class, swapped);
    } else {
      assertEquals(new MergeResult.Merged(expected), result);
      assertEquals(result, swapped);
    }
  }

  @Test
  void splitsLinesKeepingTheirTerminators() {
    assertEquals(List.of("a\n", "b\r\n", "c\r", "d"), TextMerge.lines("a\nb\r\nc\rd"));
    assertEquals(List.of(), TextMerge.lines(""));
    assertEquals(List.of("\n", "\n"), TextMerge.lines("\n\n"));
  }

  @Test
  void givesUpOnFilesTooDifferentToMerge() {
    StringBuilder a = new StringBuilder();
    StringBuilder l = new StringBuilder();
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      a.append("a").append(i).append('\n');
      l.append("l").append(i).append('\n');
      r.append("r").append(i).append('\n');
    }
    assertEquals(new MergeResult.Conflict("too many differences to merge line by line"),
        TextMerge.merge(a.toString(), l.toString(), r.toString()));
  }

  @Test
  void largeFilesWithFewEditsMerge() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) lines.add("line " + i + "\n");
    String a = String.join("", lines);
    String l = a.replace("line 100\n", "line hundred\n");
    String r = a.replace("line 19000\n", "");
    String expected = l.replace("line 19000\n", "");
    assertEquals(new MergeResult.Merged(expected), TextMerge.merge(a, l, r));
  }
}
