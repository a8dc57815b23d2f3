package dev.ferry.protocol;

import java.util.regex.Pattern;

/**
 * Shapes of the identifiers that travel in URLs. Both ends check them: the hub answers 400
 * {@code invalid_id}, the client refuses before sending.
 */
public final class Ids {
  /** User-chosen folder ids and user names: short, URL-safe, case-sensitive. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** Entry and chunk ids: keyed HMAC-SHA256, lowercase hex. */
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  /** Device ids and invite codes: random, URL-safe base64 or hex. */
  private static final Pattern TOKENISH = Pattern.compile("[A-Za-z0-9_-]{8,128}");

  private Ids() {}

  public static boolean isFolderId(String s) { return s != null && NAME.matcher(s).matches(); }

  public static boolean isUserName(String s) { return s != null && NAME.matcher(s).matches(); }

  public static boolean isEntryId(String s) { return s != null && HASH.matcher(s).matches(); }

  public static boolean isChunkId(String s) { return s != null && HASH.matcher(s).matches(); }

  public static boolean isDeviceId(String s) { return s != null && TOKENISH.matcher(s).matches(); }

  public static boolean isInvite(String s) { return s != null && TOKENISH.matcher(s).matches(); }

  /** Device names are shown to people: printable, no control characters, 1..64 chars. */
  public static boolean isDeviceName(String s) {
    if (s == null || s.isBlank() || s.length() > 64) return false;
    return s.codePoints().noneMatch(Character::isISOControl);
  }
}
