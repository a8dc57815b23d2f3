package dev.ferry.protocol;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathRulesTest {
  /** The first, plain version of normalize: the hand-optimised one must answer exactly as it did. */
  private static String reference(String path) {
    if (path == null || path.isEmpty()) throw new PathRules.InvalidPath(String.valueOf(path), "empty");
    if (path.indexOf('\0') >= 0) throw new PathRules.InvalidPath(path, "contains NUL");
    if (path.indexOf('\\') >= 0) throw new PathRules.InvalidPath(path, "contains a backslash");
    if (path.startsWith("/")) throw new PathRules.InvalidPath(path, "absolute");
    if (java.util.regex.Pattern.compile("^[A-Za-z]:.*").matcher(path).matches()) throw new PathRules.InvalidPath(path, "has a drive prefix");
    String nfc = java.text.Normalizer.normalize(path, java.text.Normalizer.Form.NFC);
    if (nfc.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PathRules.MAX_PATH_BYTES) {
      throw new PathRules.InvalidPath(path, "longer than " + PathRules.MAX_PATH_BYTES + " bytes");
    }
    for (String part : nfc.split("/", -1)) {
      if (part.isEmpty()) throw new PathRules.InvalidPath(path, "has an empty component");
      if (part.equals(".") || part.equals("..")) throw new PathRules.InvalidPath(path, "has a '" + part + "' component");
      if (part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PathRules.MAX_COMPONENT_BYTES) {
        throw new PathRules.InvalidPath(path, "a component is longer than " + PathRules.MAX_COMPONENT_BYTES + " bytes");
      }
      if (part.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new PathRules.InvalidPath(path, "contains a control character");
      }
    }
    return nfc;
  }

  private static String outcome(java.util.function.UnaryOperator<String> f, String p) {
    try {
      return "ok " + f.apply(p);
    } catch (PathRules.InvalidPath e) {
      return "refused " + e.getMessage();
    }
  }

  @Test
  void answersExactlyAsThePlainVersionOnRandomPaths() {
    String[] atoms = {"a", "b", "/", "/", ".", "..", ":", "C", "z", "\n", "\r", "\u0085", "\u2028", "\u0001", "\u007f",
        "\\", "\0", "é", "e\u0301", "日本", "\uD83D\uDE00", "\uD83D", "\uDE00", "x".repeat(120), "語".repeat(40), " ", "~"};
    java.util.Random r = new java.util.Random(20261123);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(i % 100 == 0 ? 60 : 8);
      for (int k = 0; k < n; k++) b.append(atoms[r.nextInt(atoms.length)]);
      String p = b.toString();
      assertEquals(outcome(PathRulesTest::reference, p), outcome(PathRules::normalize, p), () -> "for " + p.codePoints()
          .mapToObj(c -> String.format("U+%04X", c)).toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b/c.txt", "notes/ünïcødé name.txt", ".hidden", "a/.b/..c", "x..y", "日本/語.md"})
  void acceptsOrdinaryRelativePaths(String p) {
    assertTrue(PathRules.isValid(p), p);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/etc/passwd|absolute",
      "../x|'..' component",
      "a/../../x|'..' component",
      "a/./b|'.' component",
      "a//b|empty component",
      "a/|empty component",
      "C:/windows|drive prefix",
      "a\\b|backslash",
  })
  void refusesEscapes(String p, String reason) {
    var e = assertThrows(PathRules.InvalidPath.class, () -> PathRules.normalize(p));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void refusesNulControlAndEmpty() {
    assertFalse(PathRules.isValid("a\0b"));
    assertFalse(PathRules.isValid("a\nb"));
    assertFalse(PathRules.isValid(""));
    assertFalse(PathRules.isValid(null));
  }

  @Test
  void normalizesToNfc() {
    String nfd = "cafe\u0301.txt";
    assertEquals("caf\u00e9.txt", PathRules.normalize(nfd));
  }

  @Test
  void enforcesLengthLimits() {
    assertTrue(PathRules.isValid("x".repeat(255)));
    assertFalse(PathRules.isValid("x".repeat(256)));
    assertFalse(PathRules.isValid("é".repeat(128)), "255 is counted in UTF-8 bytes");
    String deep = ("d".repeat(100) + "/").repeat(41) + "f";
    assertFalse(PathRules.isValid(deep), "over 4096 bytes in all");
  }
}
