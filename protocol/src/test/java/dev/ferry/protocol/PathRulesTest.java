package dev.ferry.protocol;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathRulesTest {
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
