package dev.ferry.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WriteOrderTest {
  static List<Object[]> cases() {
    return List.of(
        new Object[] {List.of(), List.of()},
        new Object[] {List.of("a.txt", "b.txt"), List.of("a.txt", "b.txt")},
        new Object[] {List.of("a/1", "a/2", "a/3", "b/1", "c/1", "c/2"), List.of("a/1", "b/1", "c/1", "a/2", "c/2", "a/3")},
        new Object[] {List.of("top", "a/1", "a/2", "a/b/1", "a/b/2"), List.of("top", "a/1", "a/b/1", "a/2", "a/b/2")},
        new Object[] {List.of("x/é/ü.txt", "x/é/z.txt", "y.txt"), List.of("x/é/ü.txt", "y.txt", "x/é/z.txt")});
  }

  @ParameterizedTest
  @MethodSource("cases")
  void takesOneFileOfEachDirectoryInTurn(List<String> in, List<String> want) {
    assertEquals(want, WriteOrder.acrossDirectories(in));
  }

  @Test
  void keepsEveryPathOnceAndNeighboursInDifferentDirectoriesWhileThereAreSeveral() {
    List<String> in = new ArrayList<>();
    for (int d = 0; d < 100; d++) for (int i = 0; i < 100; i++) in.add(String.format("d%03d/f%03d.txt", d, i));
    List<String> out = WriteOrder.acrossDirectories(in);
    assertEquals(new HashSet<>(in), new HashSet<>(out));
    assertEquals(in.size(), out.size());
    for (int i = 1; i < out.size(); i++) {
      assertEquals(false, out.get(i).substring(0, 4).equals(out.get(i - 1).substring(0, 4)), out.get(i));
    }
  }
}
