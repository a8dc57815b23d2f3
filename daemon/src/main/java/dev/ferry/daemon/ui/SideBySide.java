package dev.ferry.daemon.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Two texts lined up for reading side by side: a longest-common-subsequence alignment of their
 * lines, so equal lines share a row and changed lines stand out. Texts too large for the table
 * ({@link #MAX_CELLS}) are shown unaligned, row by row.
 */
final class SideBySide {
  static final long MAX_CELLS = 4_000_000L;

  /** One row: a line of the left text, of the right, or of both (null where a side has none). */
  record Row(String left, String right, boolean changed) {}

  /**
   * A row of three columns: the common ancestor's line, the local one and the remote one;
   * {@code changed} marks local and remote differing, {@code ancestorChanged} the ancestor
   * differing from the local line.
   */
  record Row3(String ancestor, String left, String right, boolean changed, boolean ancestorChanged) {}

  private SideBySide() {}

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    // A final newline ends the last line; it does not start an empty one.
    if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
    return out;
  }

  static List<Row> align(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    List<Row> rows = new ArrayList<>();
    if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
      for (int i = 0; i < Math.max(n, m); i++) {
        String l = i < n ? a.get(i) : null;
        String r = i < m ? b.get(i) : null;
        rows.add(new Row(l, r, l == null || !l.equals(r)));
      }
      return rows;
    }
    // lcs[i][j]: the common subsequence length of a[i..] and b[j..].
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    List<String> dels = new ArrayList<>();
    List<String> adds = new ArrayList<>();
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        flush(rows, dels, adds);
        rows.add(new Row(a.get(i), b.get(j), false));
        i++;
        j++;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        adds.add(b.get(j++));
      } else {
        dels.add(a.get(i++));
      }
    }
    flush(rows, dels, adds);
    return rows;
  }

  /** A changed region: removed and added lines pair up row by row, so an edited line sits beside its new form. */
  private static void flush(List<Row> rows, List<String> dels, List<String> adds) {
    for (int k = 0; k < Math.max(dels.size(), adds.size()); k++) {
      rows.add(new Row(k < dels.size() ? dels.get(k) : null, k < adds.size() ? adds.get(k) : null, true));
    }
    dels.clear();
    adds.clear();
  }

  /**
   * Three columns, anchored on the local lines: the ancestor is aligned with the local text and
   * the remote text with the local text, and lines that have no local partner (removed since the
   * ancestor, added on the hub) pair up between the local lines they fall between.
   */
  static List<Row3> align3(List<String> ancestor, List<String> local, List<String> remote) {
    List<Row> withAncestor = align(ancestor, local);
    List<Row> withRemote = align(local, remote);
    List<Row3> rows = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < withAncestor.size() || j < withRemote.size()) {
      List<Row> ancestorOnly = new ArrayList<>();
      while (i < withAncestor.size() && withAncestor.get(i).right() == null) ancestorOnly.add(withAncestor.get(i++));
      List<Row> remoteOnly = new ArrayList<>();
      while (j < withRemote.size() && withRemote.get(j).left() == null) remoteOnly.add(withRemote.get(j++));
      for (int k = 0; k < Math.max(ancestorOnly.size(), remoteOnly.size()); k++) {
        String a = k < ancestorOnly.size() ? ancestorOnly.get(k).left() : null;
        String r = k < remoteOnly.size() ? remoteOnly.get(k).right() : null;
        rows.add(new Row3(a, null, r, r != null, a != null));
      }
      if (i < withAncestor.size() && j < withRemote.size()) {
        // Both rows hold the same local line now.
        Row a = withAncestor.get(i++);
        Row r = withRemote.get(j++);
        rows.add(new Row3(a.left(), r.left(), r.right(), r.changed(), a.changed()));
      } else {
        // One alignment ran out of local lines: the other has no local lines left either (both hold them all).
        while (i < withAncestor.size()) rows.add(new Row3(withAncestor.get(i++).left(), null, null, false, true));
        while (j < withRemote.size()) rows.add(new Row3(null, null, withRemote.get(j++).right(), true, false));
      }
    }
    return rows;
  }
}
