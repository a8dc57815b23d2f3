package dev.ferry.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Draws {@link ProgressBar} on one terminal line, redrawn in place with {@code \r}, from the
 * daemon's {@code progress} events (summed over the folders running), wiped when a folder's run
 * ends and by {@link #clear} before the results are printed. Only ever used on a terminal.
 */
final class ProgressLine {
  /** Columns used when the terminal's width is unknown (COLUMNS unset): fits an 80-column terminal. */
  static final int DEFAULT_WIDTH = 79;

  private record Counts(long filesDone, long filesTotal, long bytesDone, long bytesTotal) {}

  private final PrintWriter out;
  private final int width;
  private final Map<String, Counts> byFolder = new ConcurrentHashMap<>();
  private long startedNanos;
  private int drawn;

  ProgressLine(PrintWriter out, int width) {
    this.out = out;
    this.width = width;
  }

  /** The width for the line: COLUMNS minus one (the cursor's cell), else {@value #DEFAULT_WIDTH}. */
  static int terminalWidth(Map<String, String> env) {
    try {
      int c = Integer.parseInt(env.getOrDefault("COLUMNS", ""));
      return c > 10 ? c - 1 : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /** One {@code event} notification's params; anything but {@code progress} is ignored. */
  synchronized void onEvent(Map<String, Object> params) {
    if (params == null) return;
    if ("run".equals(params.get("type"))) {
      // That folder's run is over: its counts leave the sum, and the line goes until the next progress.
      byFolder.remove(String.valueOf(params.get("folder")));
      if (byFolder.isEmpty()) startedNanos = 0;
      clear();
      return;
    }
    if (!"progress".equals(params.get("type"))) return;
    if (startedNanos == 0) startedNanos = System.nanoTime();
    byFolder.put(String.valueOf(params.get("folder")), new Counts(num(params.get("filesDone")), num(params.get("filesTotal")),
        num(params.get("bytesDone")), num(params.get("bytesTotal"))));
    long fd = 0, ft = 0, bd = 0, bt = 0;
    for (Counts c : byFolder.values()) {
      fd += c.filesDone();
      ft += c.filesTotal();
      bd += c.bytesDone();
      bt += c.bytesTotal();
    }
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    String line = ProgressBar.render(fd, ft, bd, bt, seconds >= 0.5 ? bd / seconds : -1, width);
    if (line.isEmpty()) return;
    // Pad over the longer previous line so no tail of it stays visible.
    out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    out.flush();
    drawn = line.length();
  }

  /** Wipes the line if anything was drawn, leaving the cursor at its start. */
  synchronized void clear() {
    if (drawn == 0) return;
    out.print("\r" + " ".repeat(drawn) + "\r");
    out.flush();
    drawn = 0;
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}
