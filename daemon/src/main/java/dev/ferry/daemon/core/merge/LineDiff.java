package dev.ferry.daemon.core.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Myers' O(ND) difference between two line lists, as the changed regions ("hunks") of the
 * first list and what replaces each. Lines compare with their line terminators, so a changed
 * line ending is a change. Gives up (returns null) when the edit distance would need more than
 * {@link #MAX_TRACE} cells of memory: such files are too different to merge usefully.
 */
final class LineDiff {
  static final long MAX_TRACE = 4_000_000L;

  private LineDiff() {}

  /** Ancestor lines [aStart, aEnd) became side lines [sStart, sEnd). */
  record Hunk(int aStart, int aEnd, int sStart, int sEnd) {
    int delta() {
      return (sEnd - sStart) - (aEnd - aStart);
    }
  }

  /** The hunks turning {@code a} into {@code b}, in order, or null when too different. */
  static List<Hunk> hunks(List<String> a, List<String> b) {
    // Lines become ints so the inner loop compares numbers.
    Map<String, Integer> ids = new HashMap<>();
    int[] ai = new int[a.size()];
    int[] bi = new int[b.size()];
    for (int i = 0; i < ai.length; i++) ai[i] = ids.computeIfAbsent(a.get(i), k -> ids.size());
    for (int i = 0; i < bi.length; i++) bi[i] = ids.computeIfAbsent(b.get(i), k -> ids.size());

    int prefix = 0;
    while (prefix < ai.length && prefix < bi.length && ai[prefix] == bi[prefix]) prefix++;
    int suffix = 0;
    while (suffix < ai.length - prefix && suffix < bi.length - prefix
        && ai[ai.length - 1 - suffix] == bi[bi.length - 1 - suffix]) suffix++;
    int n = ai.length - prefix - suffix;
    int m = bi.length - prefix - suffix;

    // matchA[i] = the index in b's trimmed middle matched to a[prefix + i], or -1.
    int[] matchA = matches(ai, prefix, n, bi, prefix, m);
    if (matchA == null) return null;

    List<Hunk> hunks = new ArrayList<>();
    int x = 0;
    int y = 0;
    // Walk the matched pairs; the gaps between them are the hunks.
    for (int i = 0; i <= n; i++) {
      int j = i < n ? matchA[i] : m;
      if (i < n && j < 0) continue;
      if (i > x || j > y) hunks.add(new Hunk(prefix + x, prefix + i, prefix + y, prefix + j));
      x = i + 1;
      y = j + 1;
    }
    return hunks;
  }

  /**
   * Myers' greedy forward search with a trace of each round, then a walk back. Returns, for each
   * line of the trimmed {@code a}, the index of its partner in the trimmed {@code b} or -1.
   */
  private static int[] matches(int[] a, int aOff, int n, int[] b, int bOff, int m) {
    int[] match = new int[n];
    java.util.Arrays.fill(match, -1);
    if (n == 0 || m == 0) return match;
    int max = n + m;
    int off = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    long cells = 0;
    int dFinal = -1;
    search:
    for (int d = 0; d <= max; d++) {
      for (int k = -d; k <= d; k += 2) {
        int xx;
        if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) {
          xx = v[off + k + 1];
        } else {
          xx = v[off + k - 1] + 1;
        }
        int yy = xx - k;
        while (xx < n && yy < m && a[aOff + xx] == b[bOff + yy]) {
          xx++;
          yy++;
        }
        v[off + k] = xx;
        if (xx >= n && yy >= m) {
          trace.add(java.util.Arrays.copyOfRange(v, off - d, off + d + 1));
          dFinal = d;
          break search;
        }
      }
      cells += 2L * d + 1;
      if (cells > MAX_TRACE) return null;
      trace.add(java.util.Arrays.copyOfRange(v, off - d, off + d + 1));
    }

    // Walk back from (n, m): each round d ends on diagonal k at trace[d][k + d].
    int xx = n;
    int yy = m;
    for (int d = dFinal; d >= 0; d--) {
      int k = xx - yy;
      int startX;
      int startY;
      int prevX;
      int prevY;
      if (d == 0) {
        startX = 0;
        startY = 0;
        prevX = 0;
        prevY = 0;
      } else {
        int[] prev = trace.get(d - 1);
        boolean down = k == -d || (k != d && prev[k - 1 + (d - 1)] < prev[k + 1 + (d - 1)]);
        int prevK = down ? k + 1 : k - 1;
        prevX = prev[prevK + (d - 1)];
        prevY = prevX - prevK;
        startX = down ? prevX : prevX + 1;
        startY = down ? prevY + 1 : prevY;
      }
      // The snake from (startX, startY) to (xx, yy) is all matches.
      for (int s = 0; startX + s < xx; s++) match[startX + s] = startY + s;
      xx = prevX;
      yy = prevY;
    }
    return match;
  }
}
