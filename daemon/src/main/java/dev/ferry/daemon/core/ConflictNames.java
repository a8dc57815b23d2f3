package dev.ferry.daemon.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of conflict copies: {@code NAME.conflict-DEVICE-YYYYMMDD-HHMMSS.EXT}, beside the file. */
public final class ConflictNames {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private ConflictNames() {}

  public static String copyName(String path, String device, Instant at) {
    // A conflict on a copy itself (two devices of one name made the same copy in the same
    // second) gets the copy's next number, not a copy-of-a-copy name.
    if (isConflictCopy(path)) return numbered(path, numberOf(path) + 1);
    int slash = path.lastIndexOf('/');
    String dir = path.substring(0, slash + 1);
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    // A leading dot is a hidden file, not an extension (".bashrc" → ".bashrc.conflict-…").
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    String safeDevice = device.replaceAll("[^A-Za-z0-9_-]", "_");
    if (safeDevice.length() > 32) safeDevice = safeDevice.substring(0, 32);
    String copy = stem + ".conflict-" + safeDevice + "-" + STAMP.format(at) + ext;
    // Component limit: keep the tail (the conflict tag) and trim the stem.
    int over = copy.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - 255;
    if (over > 0) {
      String shortStem = stem.substring(0, Math.max(1, stem.length() - over - 3));
      copy = shortStem + ".conflict-" + safeDevice + "-" + STAMP.format(at) + ext;
    }
    return dir + copy;
  }

  /**
   * The {@code n}-th name for a copy whose first name {@code copy} is taken (two conflicts on
   * one file in the same second): {@code NAME.conflict-DEVICE-YYYYMMDD-HHMMSS-N.EXT}.
   */
  public static String numbered(String copy, int n) {
    int end = stampEnd(copy);
    Matcher num = NUMBER.matcher(copy).region(end, copy.length());
    // A numbered copy is renumbered: -2 becomes -3, not -2-3.
    return copy.substring(0, end) + "-" + n + copy.substring(num.lookingAt() ? num.end() : end);
  }

  /** A copy's number: 1 for the first (unnumbered) name. */
  private static int numberOf(String copy) {
    int end = stampEnd(copy);
    Matcher num = NUMBER.matcher(copy).region(end, copy.length());
    return num.lookingAt() ? Integer.parseInt(num.group(1)) : 1;
  }

  private static int stampEnd(String copy) {
    int tag = copy.lastIndexOf(".conflict-");
    Matcher m = tag < 0 ? null : STAMPED.matcher(copy).region(tag + ".conflict-".length(), copy.length());
    if (m == null || !m.lookingAt()) throw new IllegalArgumentException("not a conflict copy name: " + copy);
    return m.end();
  }

  private static final Pattern NUMBER = Pattern.compile("-(\\d{1,9})(?=\\.[^.]*$|$)");

  private static final Pattern STAMPED = Pattern.compile("[A-Za-z0-9_-]*?-\\d{8}-\\d{6}");

  private static final Pattern TAG = Pattern.compile("\\.conflict-[A-Za-z0-9_-]+?-\\d{8}-\\d{6}(-\\d+)?(?=\\.[^.]*$|$)");

  /** The file a conflict copy was made of ({@code a/notes.conflict-laptop-20240501-102030.txt} → {@code a/notes.txt}). */
  public static java.util.Optional<String> originalOf(String copy) {
    if (!isConflictCopy(copy)) return java.util.Optional.empty();
    int slash = copy.lastIndexOf('/');
    Matcher m = TAG.matcher(copy).region(slash + 1, copy.length());
    if (!m.find()) return java.util.Optional.empty();
    return java.util.Optional.of(copy.substring(0, m.start()) + copy.substring(m.end()));
  }

  public static boolean isConflictCopy(String path) {
    return path.substring(path.lastIndexOf('/') + 1).matches(".*\\.conflict-[A-Za-z0-9_-]+-\\d{8}-\\d{6}(-\\d+)?(\\..*)?");
  }
}
