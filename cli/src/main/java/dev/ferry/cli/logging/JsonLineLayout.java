package dev.ferry.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object a line with the fields of SPEC §7: {@code ts}, {@code level}, {@code logger},
 * {@code msg}, then the MDC fields (folder, sync_id, trigger, ...) at top level, numbers
 * unquoted. Written by hand: the shape is small and fixed, and an escaping bug here would
 * break every consumer, so it is tested directly. Every text goes through {@link SecretScrubber}.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
  /** Fields written as JSON numbers (when they hold an integer), so a log query can compare them; also every {@code *_ms}. */
  private static final Set<String> NUMERIC = Set.of("uploaded", "downloaded", "conflicts", "bytes_up",
      "bytes_down", "deleted", "pending");

  private String device;

  public void setDevice(String device) { this.device = device; }

  @Override
  public String doLayout(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"ts\":\"").append(Instant.ofEpochMilli(e.getTimeStamp())).append('"');
    field(b, "level", e.getLevel().toString());
    field(b, "logger", shortName(e.getLoggerName()));
    field(b, "msg", SecretScrubber.scrub(e.getFormattedMessage()));
    if (device != null) field(b, "device", device);
    Map<String, String> mdc = e.getMDCPropertyMap();
    if (mdc != null) {
      for (var m : mdc.entrySet()) {
        if (m.getValue() == null) continue;
        if ((NUMERIC.contains(m.getKey()) || m.getKey().endsWith("_ms")) && m.getValue().matches("-?\\d+")) {
          b.append(",\"").append(m.getKey()).append("\":").append(m.getValue());
        } else {
          field(b, m.getKey(), SecretScrubber.scrub(m.getValue()));
        }
      }
    }
    IThrowableProxy t = e.getThrowableProxy();
    if (t != null) field(b, "error", SecretScrubber.scrub(ThrowableProxyUtil.asString(t)));
    return b.append("}\n").toString();
  }

  private static String shortName(String logger) {
    return logger.startsWith("dev.ferry.") ? logger.substring("dev.ferry.".length()) : logger;
  }

  static void field(StringBuilder b, String k, String v) {
    b.append(",\"").append(k).append("\":\"");
    escape(b, v);
    b.append('"');
  }

  static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
  }
}
