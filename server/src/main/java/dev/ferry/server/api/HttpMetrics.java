package dev.ferry.server.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters by route template, method and status, and a latency histogram by route, in
 * the Prometheus text exposition format (written by hand: the format is a few lines).
 */
public final class HttpMetrics {
  private static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
    }

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) buckets[i].increment();
      }
      count.increment();
      sum.add(seconds);
    }
  }

  public void record(String method, String route, int status, double seconds) {
    requests.computeIfAbsent(labels("method", method, "route", route, "status", Integer.toString(status)), k -> new LongAdder())
        .increment();
    latency.computeIfAbsent(route, k -> new Histogram()).observe(seconds);
  }

  public void write(StringBuilder out) {
    out.append("# HELP ferry_http_requests_total HTTP requests answered, by method, route template and status.\n");
    out.append("# TYPE ferry_http_requests_total counter\n");
    requests.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.append("ferry_http_requests_total{").append(e.getKey()).append("} ").append(e.getValue().sum()).append('\n'));
    out.append("# HELP ferry_http_request_duration_seconds Time to answer, by route template.\n");
    out.append("# TYPE ferry_http_request_duration_seconds histogram\n");
    latency.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String route = escape(e.getKey());
      Histogram h = e.getValue();
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append("ferry_http_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"")
            .append(BUCKETS[i]).append("\"} ").append(h.buckets[i].sum()).append('\n');
      }
      out.append("ferry_http_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"+Inf\"} ")
          .append(h.count.sum()).append('\n');
      out.append("ferry_http_request_duration_seconds_sum{route=\"").append(route).append("\"} ").append(h.sum.sum()).append('\n');
      out.append("ferry_http_request_duration_seconds_count{route=\"").append(route).append("\"} ").append(h.count.sum()).append('\n');
    });
  }

  /** One gauge with its TYPE line. */
  public static void gauge(StringBuilder out, String name, String help, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(' ').append(value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)).append('\n');
  }

  private static String labels(String... kv) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      if (i > 0) b.append(',');
      b.append(kv[i]).append("=\"").append(escape(kv[i + 1])).append('"');
    }
    return b.toString();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
