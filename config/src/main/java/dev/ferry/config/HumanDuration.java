package dev.ferry.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config.toml and on the command line: {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, or combinations from the largest unit down
 * such as {@code 1m30s}. No spaces, no fractions, no sign: a negative duration is always a
 * mistake in Ferry's settings.
 */
public final class HumanDuration {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  /** Units from largest to smallest; a combination must use them in this order, each once. */
  private static final String[] ORDER = {"d", "h", "m", "s", "ms"};

  private HumanDuration() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message fit to show the user
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) throw new IllegalArgumentException("empty duration; write e.g. \"30s\"");
    if (text.startsWith("-")) throw new IllegalArgumentException("duration \"" + text + "\" must not be negative");
    if (text.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("duration \"" + text + "\" needs a unit (ms, s, m, h, d), e.g. \"" + text + "s\"");
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int pos = 0;
    int lastUnit = -1;
    while (pos < text.length()) {
      if (!m.find(pos) || m.start() != pos) throw bad(text);
      int unit = unitIndex(m.group(2));
      if (unit <= lastUnit) {
        throw new IllegalArgumentException("duration \"" + text + "\": write units from largest to smallest, each once (e.g. \"1m30s\")");
      }
      lastUnit = unit;
      try {
        long n = Long.parseLong(m.group(1));
        total = total.plus(unitDuration(m.group(2)).multipliedBy(n));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("duration \"" + text + "\" is too large");
      }
      pos = m.end();
    }
    // Nothing in Ferry waits longer than a year; a bigger number is a typo, and would overflow millis.
    if (total.compareTo(Duration.ofDays(366)) > 0) throw new IllegalArgumentException("duration \"" + text + "\" is too large (at most 366d)");
    return total;
  }

  /** The shortest text that {@link #parse} reads back to {@code d}: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
  public static String format(Duration d) {
    if (d.isNegative()) throw new IllegalArgumentException("negative duration " + d);
    if (d.isZero()) return "0s";
    long ms = d.toMillis();
    StringBuilder b = new StringBuilder();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    for (int i = 0; i < sizes.length; i++) {
      long n = ms / sizes[i];
      if (n > 0) {
        b.append(n).append(ORDER[i]);
        ms -= n * sizes[i];
      }
    }
    return b.toString();
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. \"500ms\", \"30s\", \"5m\", \"1h\", \"1d\" or \"1m30s\"");
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < ORDER.length; i++) if (ORDER[i].equals(unit)) return i;
    throw new AssertionError(unit);
  }

  private static Duration unitDuration(String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(1);
      case "s" -> Duration.ofSeconds(1);
      case "m" -> Duration.ofMinutes(1);
      case "h" -> Duration.ofHours(1);
      case "d" -> Duration.ofDays(1);
      default -> throw new AssertionError(unit);
    };
  }
}
