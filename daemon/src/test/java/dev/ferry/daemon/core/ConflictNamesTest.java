package dev.ferry.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConflictNamesTest {
  static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

  @ParameterizedTest
  @CsvSource({
      "notes.txt,laptop,notes.conflict-laptop-20260304-050607.txt",
      "a/b/chat.json,phone,a/b/chat.conflict-phone-20260304-050607.json",
      ".bashrc,pc,.bashrc.conflict-pc-20260304-050607",
      "Makefile,pc,Makefile.conflict-pc-20260304-050607",
      "x.tar.gz,my box,x.tar.conflict-my_box-20260304-050607.gz"})
  void names(String path, String device, String expected) {
    assertEquals(expected, ConflictNames.copyName(path, device, AT));
    assertTrue(ConflictNames.isConflictCopy(expected));
    assertEquals(path, ConflictNames.originalOf(expected).orElseThrow());
    assertEquals(path, ConflictNames.originalOf(ConflictNames.numbered(expected, 2)).orElseThrow());
  }

  @Test
  void onlyACopyHasAnOriginal() {
    assertTrue(ConflictNames.originalOf("notes.txt").isEmpty());
    assertTrue(ConflictNames.originalOf("a.conflict-x/notes.txt").isEmpty());
  }

  @Test
  void staysWithinTheComponentLimit() {
    String copy = ConflictNames.copyName("d/" + "n".repeat(250) + ".txt", "laptop", AT);
    String name = copy.substring(copy.lastIndexOf('/') + 1);
    assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 255, name);
    assertTrue(name.endsWith(".conflict-laptop-20260304-050607.txt"));
  }

  @ParameterizedTest
  @CsvSource({
      "notes.conflict-laptop-20260304-050607.txt,2,notes.conflict-laptop-20260304-050607-2.txt",
      "a/b/.bashrc.conflict-pc-20260304-050607,3,a/b/.bashrc.conflict-pc-20260304-050607-3",
      "x.tar.conflict-my_box-20260304-050607.gz,12,x.tar.conflict-my_box-20260304-050607-12.gz",
      "v1.conflict-a-b-20260304-050607.conflict-c-20260304-050608.txt,2,v1.conflict-a-b-20260304-050607.conflict-c-20260304-050608-2.txt"})
  void aTakenNameGetsANumberAfterItsStamp(String copy, int n, String expected) {
    assertEquals(expected, ConflictNames.numbered(copy, n));
    assertTrue(ConflictNames.isConflictCopy(expected), expected);
  }

  @Test
  void aConflictOnACopyNumbersItInsteadOfNestingANewTag() {
    String copy = "f1.conflict-laptop-20260304-050607.txt";
    assertEquals("f1.conflict-laptop-20260304-050607-2.txt", ConflictNames.copyName(copy, "laptop", AT.plusSeconds(5)));
    assertEquals("f1.conflict-laptop-20260304-050607-3.txt",
        ConflictNames.copyName("f1.conflict-laptop-20260304-050607-2.txt", "phone", AT));
    assertEquals("f1.conflict-laptop-20260304-050607-4.txt", ConflictNames.numbered("f1.conflict-laptop-20260304-050607-2.txt", 4));
    assertEquals("f1.txt", ConflictNames.originalOf(ConflictNames.copyName(copy, "laptop", AT)).orElseThrow());
  }

  @Test
  void ordinaryNamesAreNotCopies() {
    assertFalse(ConflictNames.isConflictCopy("notes.txt"));
    assertFalse(ConflictNames.isConflictCopy("a/conflict-resolution.md"));
  }
}
