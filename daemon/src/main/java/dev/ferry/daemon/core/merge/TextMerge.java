package dev.ferry.daemon.core.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * Line-based three-way merge (diff3). The changes ancestor→local and ancestor→remote are
 * computed as hunks; hunks that do not overlap or touch apply together, a hunk both sides made
 * identically applies once, and overlapping or adjacent different hunks are a conflict (as in
 * git and GNU diff3). Lines keep their own terminators ({@code \n}, {@code \r\n}, {@code \r}), so
 * line endings and a missing final newline survive; changing a line's terminator is a change
 * of that line.
 *
 * <p>Both sides appending different lines at the end is a conflict, as in diff3: appends
 * touch at the same place and there is no order both devices would agree on without knowing
 * who they are. The caller then keeps both versions.
 */
public final class TextMerge {
  private TextMerge() {}

  public static MergeResult merge(String ancestor, String local, String remote) {
    if (local.equals(remote)) return new MergeResult.Merged(local);
    if (ancestor.equals(remote)) return new MergeResult.Merged(local);
    if (ancestor.equals(local)) return new MergeResult.Merged(remote);
    List<String> a = lines(ancestor);
    List<String> l = lines(local);
    List<String> r = lines(remote);
    List<LineDiff.Hunk> lh = LineDiff.hunks(a, l);
    List<LineDiff.Hunk> rh = LineDiff.hunks(a, r);
    if (lh == null || rh == null) return new MergeResult.Conflict("too many differences to merge line by line");

    StringBuilder out = new StringBuilder();
    int li = 0;
    int ri = 0;
    int aPos = 0;     // ancestor lines before this are emitted
    int lDelta = 0;   // local index = ancestor index + lDelta, outside local hunks
    int rDelta = 0;
    while (li < lh.size() || ri < rh.size()) {
      // Start a group with the hunk that begins first, then take in every hunk of either side
      // that overlaps or touches the group's ancestor range (none starts before it).
      boolean takeLocal = ri >= rh.size() || (li < lh.size() && lh.get(li).aStart() <= rh.get(ri).aStart());
      LineDiff.Hunk first = takeLocal ? lh.get(li) : rh.get(ri);
      int start = first.aStart();
      int end = first.aEnd();
      int lFrom = li;
      int rFrom = ri;
      boolean grew = true;
      while (grew) {
        grew = false;
        while (li < lh.size() && lh.get(li).aStart() <= end) {
          end = Math.max(end, lh.get(li).aEnd());
          li++;
          grew = true;
        }
        while (ri < rh.size() && rh.get(ri).aStart() <= end) {
          end = Math.max(end, rh.get(ri).aEnd());
          ri++;
          grew = true;
        }
      }
      for (int i = aPos; i < start; i++) out.append(a.get(i));

      int lStart = start + lDelta;
      int rStart = start + rDelta;
      for (int i = lFrom; i < li; i++) lDelta += lh.get(i).delta();
      for (int i = rFrom; i < ri; i++) rDelta += rh.get(i).delta();
      List<String> lPart = l.subList(lStart, end + lDelta);
      List<String> rPart = r.subList(rStart, end + rDelta);
      boolean localChanged = li > lFrom;
      boolean remoteChanged = ri > rFrom;
      if (localChanged && remoteChanged && !lPart.equals(rPart)) {
        return new MergeResult.Conflict("both sides changed lines " + describe(start, end) + " differently");
      }
      for (String s : localChanged ? lPart : rPart) out.append(s);
      aPos = end;
    }
    for (int i = aPos; i < a.size(); i++) out.append(a.get(i));
    return new MergeResult.Merged(out.toString());
  }

  private static String describe(int start, int end) {
    return end > start ? (start + 1) + "-" + end : "after line " + start;
  }

  /** Splits after each line terminator; the last line may have none. */
  static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
        out.add(s.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < s.length()) out.add(s.substring(from));
    return out;
  }
}
