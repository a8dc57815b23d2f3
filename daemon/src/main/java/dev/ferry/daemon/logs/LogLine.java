package dev.ferry.daemon.logs;

import dev.ferry.protocol.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One line of a service log as written by {@code dev.ferry.cli.logging.JsonLineLayout}: the text exactly as in the file
 * and its fields.
 */
public record LogLine(String raw, Map<String, Object> fields) {
  /** Parses a line; empty when it is not a JSON object (a torn line, foreign text). */
  @SuppressWarnings("unchecked")
  public static Optional<LogLine> parse(String raw) {
    String t = raw.strip();
    if (!t.startsWith("{")) return Optional.empty();
    try {
      Object v = Json.adapter(Object.class).fromJson(t);
      return v instanceof Map<?, ?> m ? Optional.of(new LogLine(t, (Map<String, Object>) m)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public String text(String field) {
    Object v = fields.get(field);
    if (v == null) return null;
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return Long.toString(d.longValue());
    return v.toString();
  }

  public String ts() { return text("ts"); }

  /** TRACE, DEBUG, INFO, WARN or ERROR; INFO if the line has none. */
  public String level() {
    String l = text("level");
    return l == null ? "INFO" : l.toUpperCase(Locale.ROOT);
  }

  public String msg() { return text("msg"); }

  public String folder() { return text("folder"); }
}
