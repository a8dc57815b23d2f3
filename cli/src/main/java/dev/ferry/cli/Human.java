package dev.ferry.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as a person reads them in the text output of the verbs. */
final class Human {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Human() {}

  static String bytes(long n) {
    if (n < 1024) return n + " B";
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String millis(long ms) {
    if (ms < 1000) return ms + " ms";
    if (ms < 60_000) return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
  }

  static String time(Instant t) {
    return t == null ? "never" : TIME.format(t.atZone(ZoneId.systemDefault()));
  }
}
