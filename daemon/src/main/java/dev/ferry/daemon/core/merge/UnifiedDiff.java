package dev.ferry.daemon.core.merge;

import java.util.List;

/**
 * The unified diff ({@code diff -u} style) between two texts, for {@code ferry conflicts diff}.
 * Hunks carry {@code context} unchanged lines around each change; hunks whose context would
 * touch are joined. A last line without a line terminator is flagged the way diff does.
 */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  /**
   * The diff turning {@code from} into {@code to}: the empty string when they are equal, null
   * when they are too different to diff line by line.
   */
  public static String of(String fromLabel, String toLabel, String from, String to, int context) {
    if (context < 0) throw new IllegalArgumentException("context must be >= 0, was " + context);
    List<String> a = TextMerge.lines(from);
    List<String> b = TextMerge.lines(to);
    List<LineDiff.Hunk> hunks = LineDiff.hunks(a, b);
    if (hunks == null) return null;
    if (hunks.isEmpty()) return "";
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(fromLabel).append('\n').append("+++ ").append(toLabel).append('\n');
    int i = 0;
    while (i < hunks.size()) {
      // Group hunks whose context regions overlap or touch.
      int j = i;
      while (j + 1 < hunks.size() && hunks.get(j + 1).aStart() - hunks.get(j).aEnd() <= 2 * context) j++;
      LineDiff.Hunk first = hunks.get(i);
      LineDiff.Hunk last = hunks.get(j);
      int aFrom = Math.max(0, first.aStart() - context);
      int aTo = Math.min(a.size(), last.aEnd() + context);
      int bFrom = first.sStart() - (first.aStart() - aFrom);
      int bTo = last.sEnd() + (aTo - last.aEnd());
      out.append("@@ -").append(range(aFrom, aTo - aFrom)).append(" +").append(range(bFrom, bTo - bFrom)).append(" @@\n");
      int pos = aFrom;
      for (int k = i; k <= j; k++) {
        LineDiff.Hunk h = hunks.get(k);
        for (; pos < h.aStart(); pos++) line(out, ' ', a.get(pos));
        for (int x = h.aStart(); x < h.aEnd(); x++) line(out, '-', a.get(x));
        for (int x = h.sStart(); x < h.sEnd(); x++) line(out, '+', b.get(x));
        pos = h.aEnd();
      }
      for (; pos < aTo; pos++) line(out, ' ', a.get(pos));
      i = j + 1;
    }
    return out.toString();
  }

  /** diff's range notation: 1-based start, and an empty range starts at the line before. */
  private static String range(int start, int count) {
    int shown = count == 0 ? start : start + 1;
    return count == 1 ? Integer.toString(shown) : shown + "," + count;
  }

  private static void line(StringBuilder out, char tag, String line) {
    out.append(tag).append(line);
    if (!line.endsWith("\n")) out.append("\n\\ No newline at end of file\n");
  }
}
