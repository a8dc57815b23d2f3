package dev.ferry.daemon.core.merge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * How a conflicting file can be merged: JSON field by field, text line by line, binary not at
 * all. Binary wins over everything: one side that is not UTF-8 text (or holds a NUL byte) makes
 * the file binary. Otherwise a {@code .json} name, or every side looking like a JSON object or
 * array and parsing as one, makes it JSON.
 */
public enum FileKind {
  JSON, TEXT, BINARY;

  /** The kind of a file from its path and every content there is (null contents are skipped). */
  public static FileKind of(String path, byte[]... contents) {
    String[] texts = new String[contents.length];
    for (int i = 0; i < contents.length; i++) {
      if (contents[i] == null) continue;
      Optional<String> t = decode(contents[i]);
      if (t.isEmpty()) return BINARY;
      texts[i] = t.get();
    }
    if (path.toLowerCase(Locale.ROOT).endsWith(".json")) return JSON;
    boolean any = false;
    for (String t : texts) {
      if (t == null) continue;
      any = true;
      if (!looksLikeJson(t)) return TEXT;
    }
    return any ? JSON : TEXT;
  }

  /** Strict UTF-8 without NUL bytes; empty when the bytes are not text. */
  public static Optional<String> decode(byte[] bytes) {
    for (byte b : bytes) if (b == 0) return Optional.empty();
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean looksLikeJson(String t) {
    int i = t.startsWith("\uFEFF") ? 1 : 0;
    while (i < t.length() && Character.isWhitespace(t.charAt(i))) i++;
    if (i >= t.length() || (t.charAt(i) != '{' && t.charAt(i) != '[')) return false;
    try {
      JsonText.parse(t);
      return true;
    } catch (JsonText.SyntaxError e) {
      return false;
    }
  }
}
