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

  static List<Object[]> spreadCases() {
    return List.of(
        new Object[] {List.of(), List.of(), List.of()},
        new Object[] {List.of("a", "b"), List.of(), List.of("a", "b")},
        new Object[] {List.of(), List.of("X", "Y"), List.of("X", "Y")},
        new Object[] {List.of("a", "b", "c", "d"), List.of("X"), List.of("a", "b", "c", "X", "d")},
        new Object[] {List.of("a", "b", "c", "d", "e", "f"), List.of("X", "Y"), List.of("a", "b", "c", "X", "d", "e", "Y", "f")},
        new Object[] {List.of("a"), List.of("X", "Y", "Z"), List.of("a", "X", "Y", "Z")},
        new Object[] {List.of("a", "b"), List.of("X", "Y", "Z"), List.of("a", "X", "b", "Y", "Z")});
  }

  @ParameterizedTest
  @MethodSource("spreadCases")
  void spreadsTheFewEvenlyAmongTheManyWithOneOfTheManyFirst(List<String> many, List<String> few, List<String> want) {
    assertEquals(want, WriteOrder.spread(many, few));
  }

  @Test
  void spreadsTwentyLargeFilesOverTenThousandSmallOnes() {
    List<Integer> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) many.add(i);
    List<Integer> few = new ArrayList<>();
    for (int i = 0; i < 20; i++) few.add(-1 - i);
    List<Integer> out = WriteOrder.spread(many, few);
    assertEquals(10_020, out.size());
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) if (out.get(i) < 0) at.add(i);
    assertEquals(20, at.size());
    for (int j = 1; j < at.size(); j++) {
      int gap = at.get(j) - at.get(j - 1);
      assertEquals(true, gap >= 476 && gap <= 478, "gap " + gap);
    }
    assertEquals(List.copyOf(many), out.stream().filter(x -> x >= 0).toList());
  }
}
