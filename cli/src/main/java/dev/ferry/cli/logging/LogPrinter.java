package dev.ferry.cli.logging;

import dev.ferry.daemon.logs.LogLine;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Formats log lines for {@code ferry logs}: the raw JSON line with {@code --json}, else one
 * readable line (local time, level, folder, message, then the other fields as key=value) and
 * an indented stack trace when there is one. Colours only when asked (a terminal without
 * {@code NO_COLOR}).
 */
public final class LogPrinter {
  private static final Set<String> SHOWN = Set.of("ts", "level", "logger", "msg", "folder", "device", "error");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final String RESET = "\u001b[0m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String GREEN = "\u001b[32m";
  private static final String CYAN = "\u001b[36m";

  private final boolean json;
  private final boolean colour;
  private final ZoneId zone;

  public LogPrinter(boolean json, boolean colour, ZoneId zone) {
    this.json = json;
    this.colour = colour && !json;
    this.zone = zone;
  }

  /**
   * Whether colours suit this output: only on a terminal, and never when {@code NO_COLOR} is set
   * to anything non-empty (no-color.org).
   */
  public static boolean colourWanted(boolean terminal, Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    return terminal && (noColor == null || noColor.isEmpty());
  }

  public String format(LogLine line) {
    if (json) return line.raw();
    StringBuilder b = new StringBuilder(160);
    b.append(paint(DIM, time(line.ts()))).append(' ');
    String level = line.level();
    b.append(paint(levelColour(level), String.format("%-5s", level))).append(' ');
    if (line.folder() != null) b.append(paint(CYAN, line.folder())).append(' ');
    b.append(line.msg() == null ? "" : line.msg());
    StringBuilder extra = new StringBuilder();
    for (String k : line.fields().keySet()) {
      if (SHOWN.contains(k)) continue;
      extra.append(' ').append(k).append('=').append(line.text(k));
    }
    if (extra.length() > 0) b.append(paint(DIM, extra.toString()));
    String error = line.text("error");
    if (error != null) {
      for (String l : error.strip().split("\n")) b.append('\n').append("    ").append(paint(RED, l.stripTrailing()));
    }
    return b.toString();
  }

  private String time(String ts) {
    if (ts == null) return "-";
    try {
      return TIME.format(Instant.parse(ts).atZone(zone));
    } catch (DateTimeParseException e) {
      return ts;
    }
  }

  private static String levelColour(String level) {
    return switch (level) {
      case "ERROR" -> RED;
      case "WARN" -> YELLOW;
      case "INFO" -> GREEN;
      default -> DIM;
    };
  }

  private String paint(String code, String text) {
    return colour ? code + text + RESET : text;
  }
}
