package dev.ferry.daemon.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a unified diff from {@code conflicts.diff} to one of its two texts to get the other:
 * forward (the "from" text gives the "to" text) or in reverse. {@code conflicts.diff} sends
 * diffs, not versions, so this is how the conflicts page shows the common ancestor (the local
 * text with "ancestor → local" undone) and the hub's version of a manual conflict (the local
 * text with "local → remote" applied).
 *
 * <p>Every context and removed line is checked against the text it is applied to; a diff that
 * does not fit gives nothing rather than a wrong version.
 */
final class UnifiedPatch {
  private UnifiedPatch() {}

  private record Line(char tag, String text) {}

  private record Hunk(int fromStart, int fromCount, int toStart, int toCount, List<Line> lines) {}

  /** {@code from} with {@code diff} (from → to) applied: the "to" text, or empty when the diff does not fit. */
  static Optional<String> forward(String from, String diff) {
    return apply(from, diff, false);
  }

  /** {@code to} with {@code diff} (from → to) undone: the "from" text, or empty when the diff does not fit. */
  static Optional<String> reverse(String to, String diff) {
    return apply(to, diff, true);
  }

  private static Optional<String> apply(String source, String diff, boolean reverse) {
    if (source == null || diff == null) return Optional.empty();
    if (diff.isEmpty() || diff.equals("(identical)")) return Optional.of(source);
    Optional<List<Hunk>> parsed = parse(diff);
    if (parsed.isEmpty()) return Optional.empty();
    List<String> src = lines(source);
    StringBuilder out = new StringBuilder();
    int pos = 0;
    char keep = reverse ? '+' : '-'; // lines that must be in the source
    for (Hunk h : parsed.get()) {
      int start = reverse ? h.toStart() : h.fromStart();
      int count = reverse ? h.toCount() : h.fromCount();
      // diff numbers lines from 1, and an empty range names the line before it.
      int at = count == 0 ? start : start - 1;
      if (at < pos || at > src.size()) return Optional.empty();
      for (; pos < at; pos++) out.append(src.get(pos));
      for (Line l : h.lines()) {
        if (l.tag() == ' ' || l.tag() == keep) {
          if (pos >= src.size() || !src.get(pos).equals(l.text())) return Optional.empty();
          pos++;
        }
        if (l.tag() == ' ' || l.tag() == (reverse ? '-' : '+')) out.append(l.text());
      }
    }
    for (; pos < src.size(); pos++) out.append(src.get(pos));
    return Optional.of(out.toString());
  }

  private static Optional<List<Hunk>> parse(String diff) {
    String[] rows = diff.split("\n", -1);
    List<Hunk> hunks = new ArrayList<>();
    List<Line> current = null;
    for (String row : rows) {
      if (row.startsWith("@@ ")) {
        Optional<Hunk> h = header(row);
        if (h.isEmpty()) return Optional.empty();
        current = h.get().lines();
        hunks.add(h.get());
      } else if (current == null) {
        // The "---" and "+++" labels before the first hunk.
      } else if (row.startsWith("\\")) {
        if (current.isEmpty()) return Optional.empty();
        Line last = current.remove(current.size() - 1);
        current.add(new Line(last.tag(), last.text().substring(0, last.text().length() - 1)));
      } else if (!row.isEmpty() && (row.charAt(0) == ' ' || row.charAt(0) == '-' || row.charAt(0) == '+')) {
        current.add(new Line(row.charAt(0), row.substring(1) + "\n"));
      } else if (!row.isEmpty()) {
        return Optional.empty();
      }
    }
    return hunks.isEmpty() ? Optional.empty() : Optional.of(hunks);
  }

  /** {@code @@ -a,b +c,d @@}; a missing count is 1. */
  private static Optional<Hunk> header(String row) {
    String[] parts = row.split(" ");
    if (parts.length < 4 || !parts[1].startsWith("-") || !parts[2].startsWith("+")) return Optional.empty();
    try {
      int[] from = range(parts[1].substring(1));
      int[] to = range(parts[2].substring(1));
      return Optional.of(new Hunk(from[0], from[1], to[0], to[1], new ArrayList<>()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static int[] range(String s) {
    int comma = s.indexOf(',');
    return comma < 0 ? new int[] {Integer.parseInt(s), 1}
        : new int[] {Integer.parseInt(s.substring(0, comma)), Integer.parseInt(s.substring(comma + 1))};
  }

  /** Lines with their terminators, split the way the daemon's line diff splits them. */
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
