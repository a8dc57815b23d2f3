package dev.ferry.cli;

import java.util.Locale;

/**
 * The one-line progress display of {@code ferry sync} on a terminal, as a pure function:
 * {@code [#####.....]  12/40 files  3.4/12.0 MiB  1.2 MiB/s}. The bar follows bytes when the
 * run moves content, files otherwise; the line never exceeds the given width.
 */
final class ProgressBar {
  static final int BAR = 20;

  private ProgressBar() {}

  /**
   * The line for these counts ({@code bytesPerSecond} negative: rate unknown yet), cut to
   * {@code width} columns; empty while nothing is planned.
   */
  static String render(long filesDone, long filesTotal, long bytesDone, long bytesTotal, double bytesPerSecond, int width) {
    if (filesTotal <= 0 && bytesTotal <= 0) return "";
    double fraction = bytesTotal > 0 ? (double) bytesDone / bytesTotal : (double) filesDone / filesTotal;
    fraction = Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.floor(fraction * BAR);
    StringBuilder b = new StringBuilder(width + 16);
    b.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']');
    b.append(String.format(Locale.ROOT, " %3d%%", (int) Math.floor(fraction * 100)));
    b.append("  ").append(Math.min(filesDone, filesTotal)).append('/').append(filesTotal).append(" files");
    if (bytesTotal > 0) b.append("  ").append(SyncCommand.bytes(Math.min(bytesDone, bytesTotal))).append(" of ")
        .append(SyncCommand.bytes(bytesTotal));
    if (bytesPerSecond >= 0 && bytesTotal > 0) b.append("  ").append(SyncCommand.bytes((long) bytesPerSecond)).append("/s");
    return b.length() <= width ? b.toString() : b.substring(0, Math.max(0, width));
  }
}
