package dev.ferry.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: a plain number of bytes ({@code 512}, {@code "512"},
 * {@code "512B"}) or a binary multiple ({@code "10KiB"}, {@code "1MiB"}, {@code "2GiB"}).
 * Decimal units such as {@code KB} are refused rather than guessed: "KB" means 1000 to some
 * people and 1024 to others.
 */
public final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|GiB)?");
  private static final Pattern DECIMAL = Pattern.compile("(\\d+)\\s*([kKmMgG])[bB]?");

  private ByteSize() {}

  /**
   * Parses {@code text} to a number of bytes.
   *
   * @throws IllegalArgumentException with a message fit to show the user
   */
  public static long parse(String text) {
    if (text == null || text.isEmpty()) throw new IllegalArgumentException("empty size; write e.g. \"10KiB\"");
    if (text.startsWith("-")) throw new IllegalArgumentException("size \"" + text + "\" must not be negative");
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      Matcher d = DECIMAL.matcher(text);
      if (d.matches()) {
        throw new IllegalArgumentException("size \"" + text + "\": use binary units, e.g. \"" + d.group(1) + d.group(2).toUpperCase() + "iB\"");
      }
      throw new IllegalArgumentException("\"" + text + "\" is not a size; write bytes (\"512\") or \"10KiB\", \"1MiB\", \"1GiB\"");
    }
    long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
      case "B" -> 1L;
      case "KiB" -> 1L << 10;
      case "MiB" -> 1L << 20;
      case "GiB" -> 1L << 30;
      default -> throw new AssertionError(m.group(2));
    };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("size \"" + text + "\" is too large");
    }
  }

  /** The shortest exact text for {@code bytes}: {@code 10KiB}, {@code 1536B}. */
  public static String format(long bytes) {
    if (bytes < 0) throw new IllegalArgumentException("negative size " + bytes);
    if (bytes != 0 && bytes % (1L << 30) == 0) return (bytes >> 30) + "GiB";
    if (bytes != 0 && bytes % (1L << 20) == 0) return (bytes >> 20) + "MiB";
    if (bytes != 0 && bytes % (1L << 10) == 0) return (bytes >> 10) + "KiB";
    return bytes + "B";
  }
}
