package dev.ferry.daemon.logs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which log lines {@code ferry logs} shows: at least a level, and only one folder when asked.
 *
 * @param minLevel the lowest level shown (TRACE, DEBUG, INFO, WARN, ERROR)
 * @param folder the folder id lines must carry, or null for every line
 */
public record LogFilter(String minLevel, String folder) implements Predicate<LogLine> {
  /** The levels from least to most severe. */
  public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  public LogFilter {
    minLevel = minLevel == null ? "TRACE" : minLevel.toUpperCase(Locale.ROOT);
    if (minLevel.equals("WARNING")) minLevel = "WARN";
    if (!LEVELS.contains(minLevel)) {
      throw new IllegalArgumentException("unknown log level '" + minLevel.toLowerCase(Locale.ROOT)
          + "': use one of trace, debug, info, warn, error");
    }
  }

  public static LogFilter all() { return new LogFilter(null, null); }

  @Override
  public boolean test(LogLine line) {
    int rank = LEVELS.indexOf(line.level());
    if (rank >= 0 && rank < LEVELS.indexOf(minLevel)) return false;
    return folder == null || Objects.equals(folder, line.folder());
  }
}
