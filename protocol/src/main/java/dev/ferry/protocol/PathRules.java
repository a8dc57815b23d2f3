package dev.ferry.protocol;

import java.text.Normalizer;

/**
 * The rules a relative path inside a synced folder obeys, applied by the sending device before
 * it encrypts and by the receiving device after it decrypts (a hostile hub or a bad peer must
 * never make a device write outside its folder). Paths use {@code /}, are NFC-normalized, and
 * have no empty, {@code .} or {@code ..} components.
 */
public final class PathRules {
  public static final int MAX_PATH_BYTES = 4096;
  public static final int MAX_COMPONENT_BYTES = 255;

  private PathRules() {}

  /** Why a path was refused. */
  public static final class InvalidPath extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPath(String path, String reason) {
      super("invalid path " + printable(path) + ": " + reason);
    }
  }

  /**
   * Returns the canonical form of a relative path, or throws {@link InvalidPath}. A trailing
   * slash is not allowed: directories are entries of their own kind in the metadata.
   */
  public static String normalize(String path) {
    // Runs for every path of every scan, index load and remote entry: no regex, no stream, no
    // copies for the common (ASCII, already normal) path.
    if (path == null || path.isEmpty()) throw new InvalidPath(String.valueOf(path), "empty");
    if (path.indexOf('\0') >= 0) throw new InvalidPath(path, "contains NUL");
    if (path.indexOf('\\') >= 0) throw new InvalidPath(path, "contains a backslash");
    if (path.charAt(0) == '/') throw new InvalidPath(path, "absolute");
    if (hasDrivePrefix(path)) throw new InvalidPath(path, "has a drive prefix");
    String nfc = isAscii(path) ? path : Normalizer.normalize(path, Normalizer.Form.NFC);
    if (utf8Length(nfc, 0, nfc.length()) > MAX_PATH_BYTES) {
      throw new InvalidPath(path, "longer than " + MAX_PATH_BYTES + " bytes");
    }
    int start = 0;
    for (int i = 0; i <= nfc.length(); i++) {
      if (i < nfc.length() && nfc.charAt(i) != '/') continue;
      int len = i - start;
      if (len == 0) throw new InvalidPath(path, "has an empty component");
      if (nfc.charAt(start) == '.' && (len == 1 || (len == 2 && nfc.charAt(start + 1) == '.'))) {
        throw new InvalidPath(path, "has a '" + nfc.substring(start, i) + "' component");
      }
      if (utf8Length(nfc, start, i) > MAX_COMPONENT_BYTES) {
        throw new InvalidPath(path, "a component is longer than " + MAX_COMPONENT_BYTES + " bytes");
      }
      for (int j = start; j < i; j++) {
        char c = nfc.charAt(j);
        if (c < 0x20 || c == 0x7f) throw new InvalidPath(path, "contains a control character");
      }
      start = i + 1;
    }
    return nfc;
  }

  /** {@code X:...} as a Windows drive path; like the regex {@code [A-Za-z]:.*}, whose dot stops at line ends. */
  private static boolean hasDrivePrefix(String p) {
    if (p.length() < 2 || p.charAt(1) != ':') return false;
    char d = p.charAt(0);
    if (!((d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z'))) return false;
    for (int i = 2; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') return false;
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) return false;
    }
    return true;
  }

  /** What {@code s.substring(from, to).getBytes(UTF_8).length} would be (a lone surrogate is one '?'). */
  static int utf8Length(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) n += 1;
      else n += 3;
    }
    return n;
  }

  public static boolean isValid(String path) {
    try {
      normalize(path);
      return true;
    } catch (InvalidPath e) {
      return false;
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder("'");
    s.codePoints().limit(200).forEach(c -> {
      if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c));
      else b.appendCodePoint(c);
    });
    return b.append(s.length() > 200 ? "...'" : "'").toString();
  }
}
