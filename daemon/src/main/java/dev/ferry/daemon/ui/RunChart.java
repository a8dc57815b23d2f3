package dev.ferry.daemon.ui;

import dev.ferry.ipc.methods.RunView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * A small inline SVG bar chart of one quantity of the runs over a time window: one bar per run at
 * the time it started, height proportional to the largest. Plain markup, no script, readable by
 * a screen reader through its title and description.
 */
final class RunChart {
  static final int WIDTH = 600;
  static final int HEIGHT = 120;
  static final int PAD = 4;

  private RunChart() {}

  /**
   * @param label what is charted, e.g. "Sync duration"
   * @param value the quantity of a run
   * @param unit formats the largest value for the axis label
   */
  static String svg(String id, String label, List<RunView> runs, Instant now, Duration window, ToLongFunction<RunView> value,
      java.util.function.LongFunction<String> unit) {
    Instant from = now.minus(window);
    List<RunView> in = runs.stream().filter(r -> r.startedAt() != null && !r.startedAt().isBefore(from) && !r.startedAt().isAfter(now))
        .toList();
    long max = in.stream().mapToLong(value).max().orElse(0);
    StringBuilder b = new StringBuilder();
    b.append("<figure class=\"chart\"><svg id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\" preserveAspectRatio=\"none\">")
        .append("<title id=\"").append(id).append("-t\">").append(Html.esc(label)).append("</title>")
        .append("<desc id=\"").append(id).append("-d\">").append(in.size()).append(" runs in the last ")
        .append(window.toHours()).append(" hours; the largest ").append(Html.esc(unit.apply(max))).append("</desc>")
        .append("<rect class=\"frame\" x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\"/>");
    double span = window.toMillis();
    double plot = HEIGHT - 2.0 * PAD;
    for (RunView r : in) {
      long v = value.applyAsLong(r);
      double h = max == 0 ? 0 : Math.max(1, plot * v / max);
      double x = PAD + (WIDTH - 2.0 * PAD - 3) * (r.startedAt().toEpochMilli() - from.toEpochMilli()) / span;
      b.append("<rect class=\"bar ").append("failed".equals(r.result()) ? "bad" : "good").append("\" x=\"")
          .append(fmt(x)).append("\" y=\"").append(fmt(HEIGHT - PAD - h)).append("\" width=\"3\" height=\"").append(fmt(h))
          .append("\"><title>").append(Html.esc(r.folder() + " " + r.startedAt() + ": " + unit.apply(v))).append("</title></rect>");
    }
    b.append("</svg><figcaption>").append(Html.esc(label)).append(", last ").append(window.toHours())
        .append(" h (highest bar: ").append(Html.esc(unit.apply(max))).append(")</figcaption></figure>");
    return b.toString();
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }
}
