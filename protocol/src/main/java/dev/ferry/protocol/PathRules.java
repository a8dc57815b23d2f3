package dev.ferry.protocol;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The rules a relative path inside a synced folder obeys, applied by the sending device before
 * it encrypts and by the receiving device after it decrypts (a hostile hub or a bad peer must
 * never make a device write outside its folder). Paths use {@code /}, are NFC-normalized, and
 * have no empty, {@code .} or {@code ..} components.
 */
public final class PathRules {
  public static final int MAX_PATH_BYTES = 4096;
  public static final int MAX_COMPONENT_BYTES = 255;
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

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
    if (path == null || path.isEmpty()) throw new InvalidPath(String.valueOf(path), "empty");
    if (path.indexOf('\0') >= 0) throw new InvalidPath(path, "contains NUL");
    if (path.indexOf('\\') >= 0) throw new InvalidPath(path, "contains a backslash");
    if (path.startsWith("/")) throw new InvalidPath(path, "absolute");
    if (DRIVE.matcher(path).matches()) throw new InvalidPath(path, "has a drive prefix");
    String nfc = Normalizer.normalize(path, Normalizer.Form.NFC);
    if (nfc.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      throw new InvalidPath(path, "longer than " + MAX_PATH_BYTES + " bytes");
    }
    for (String part : nfc.split("/", -1)) {
      if (part.isEmpty()) throw new InvalidPath(path, "has an empty component");
      if (part.equals(".") || part.equals("..")) throw new InvalidPath(path, "has a '" + part + "' component");
      if (part.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
        throw new InvalidPath(path, "a component is longer than " + MAX_COMPONENT_BYTES + " bytes");
      }
      if (part.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new InvalidPath(path, "contains a control character");
      }
    }
    return nfc;
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
