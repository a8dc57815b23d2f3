package dev.ferry.daemon.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void findsTheChangedRegions() {
    assertEquals(List.of(), LineDiff.hunks(List.of("a", "b"), List.of("a", "b")));
    assertEquals(List.of(new LineDiff.Hunk(1, 2, 1, 2)), LineDiff.hunks(List.of("a", "b", "c"), List.of("a", "X", "c")));
    assertEquals(List.of(new LineDiff.Hunk(1, 1, 1, 2)), LineDiff.hunks(List.of("a", "b"), List.of("a", "X", "b")));
    assertEquals(List.of(new LineDiff.Hunk(0, 1, 0, 0), new LineDiff.Hunk(3, 3, 2, 3)),
        LineDiff.hunks(List.of("a", "b", "c"), List.of("b", "c", "d")));
    assertEquals(List.of(new LineDiff.Hunk(0, 2, 0, 0)), LineDiff.hunks(List.of("a", "b"), List.of()));
    assertEquals(List.of(new LineDiff.Hunk(0, 0, 0, 2)), LineDiff.hunks(List.of(), List.of("a", "b")));
  }

  /** Applying the hunks to the first list gives the second, and the diff is minimal enough to keep matches. */
  @Property(tries = 200)
  void hunksTurnOneListIntoTheOther(@ForAll long seed) {
    Random rnd = new Random(seed);
    List<String> a = randomLines(rnd);
    List<String> b = randomLines(rnd);
    if (rnd.nextBoolean()) {
      b = new ArrayList<>(a);
      for (int edits = rnd.nextInt(4); edits > 0 && !b.isEmpty(); edits--) {
        int at = rnd.nextInt(b.size());
        if (rnd.nextBoolean()) b.remove(at); else b.add(at, "n" + rnd.nextInt(3));
      }
    }
    List<LineDiff.Hunk> hunks = LineDiff.hunks(a, b);
    List<String> rebuilt = new ArrayList<>();
    int pos = 0;
    for (LineDiff.Hunk h : hunks) {
      rebuilt.addAll(a.subList(pos, h.aStart()));
      rebuilt.addAll(b.subList(h.sStart(), h.sEnd()));
      pos = h.aEnd();
    }
    rebuilt.addAll(a.subList(pos, a.size()));
    assertEquals(b, rebuilt, () -> a + " → " + hunks);
    int unchanged = a.size() - hunks.stream().mapToInt(h -> h.aEnd() - h.aStart()).sum();
    assertEquals(lcs(a, b), unchanged, "the lines kept form a longest common subsequence");
  }

  private static List<String> randomLines(Random rnd) {
    List<String> out = new ArrayList<>();
    for (int n = rnd.nextInt(12); n > 0; n--) out.add(Character.toString('a' + rnd.nextInt(4)));
    return out;
  }

  private static int lcs(List<String> a, List<String> b) {
    int[][] t = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
      }
    }
    return t[0][0];
  }

}
