package dev.ferry.daemon.local;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the temp files a write renames into place: {@code .ferry-tmp-PID-RANDOM}. Only
 * names of exactly this shape are Ferry's (a user's {@code .ferry-tmp-notes.txt} is synced like
 * any file), and the process id in them tells a temp file left by a daemon that was killed
 * mid-write from one a write of this daemon is filling now.
 */
public final class TempNames {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long PID = ProcessHandle.current().pid();
  /** The shape since the pid went in, and the one before (16 hex digits, no pid). */
  private static final Pattern OURS = Pattern.compile("\\.ferry-tmp-(?:(\\d{1,19})-)?[0-9a-f]{16}");
  /** A temp file of the earlier shape, which names no process, counts as left over once this old. */
  static final Duration UNNAMED_STALE_AFTER = Duration.ofMinutes(10);

  private TempNames() {}

  /** A fresh temp name for a write of this process. */
  static String next() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return FolderScanner.TEMP_PREFIX + PID + "-" + HexFormat.of().formatHex(b);
  }

  /** Whether {@code name} (a file name, no directory) is one of Ferry's temp files. */
  public static boolean isTemp(String name) {
    return name.startsWith(FolderScanner.TEMP_PREFIX) && OURS.matcher(name).matches();
  }

  /**
   * Whether the temp file {@code name}, last modified at {@code modified}, was left behind: made
   * by another process (a daemon that died before its rename), or of the earlier shape and old.
   */
  static boolean isLeftOver(String name, Instant modified, Instant now) {
    Matcher m = OURS.matcher(name);
    if (!name.startsWith(FolderScanner.TEMP_PREFIX) || !m.matches()) return false;
    if (m.group(1) == null) return modified.isBefore(now.minus(UNNAMED_STALE_AFTER));
    try {
      return Long.parseLong(m.group(1)) != PID;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
