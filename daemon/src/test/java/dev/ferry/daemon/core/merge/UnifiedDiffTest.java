package dev.ferry.daemon.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnifiedDiffTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("equal", "a\nb\n", "a\nb\n", 3, ""),
        Arguments.of("one line changed", "a\nb\nc\n", "a\nB\nc\n", 1,
            "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"),
        Arguments.of("added at the end", "a\n", "a\nb\n", 3, "--- x\n+++ y\n@@ -1 +1,2 @@\n a\n+b\n"),
        Arguments.of("from nothing", "", "a\n", 3, "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n"),
        Arguments.of("no final newline", "a\n", "a\nb", 0, "--- x\n+++ y\n@@ -1,0 +2 @@\n+b\n\\ No newline at end of file\n"),
        Arguments.of("far apart: two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n", "X\n2\n3\n4\n5\n6\n7\nY\n", 1,
            "--- x\n+++ y\n@@ -1,2 +1,2 @@\n-1\n+X\n 2\n@@ -7,2 +7,2 @@\n 7\n-8\n+Y\n"),
        Arguments.of("close: one hunk", "1\n2\n3\n4\n", "X\n2\n3\nY\n", 1,
            "--- x\n+++ y\n@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n-4\n+Y\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diffs(String name, String from, String to, int context, String expected) {
    assertEquals(expected, UnifiedDiff.of("x", "y", from, to, context));
  }
}
