package dev.ferry.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a TOML document as text: where each table header and key/value statement
 * starts and ends, so {@link ConfigEditor} can change one value or one block and leave every
 * comment, blank line and spacing as the user wrote it. It understands strings (all four
 * kinds), arrays and inline tables spanning lines, and comments; it trusts tomlj for the
 * meaning, and is only ever used on text that tomlj has accepted.
 */
final class TomlLayout {
  enum Kind { TABLE, ARRAY_TABLE, KEY_VALUE }

  /**
   * One statement. {@code start} is the start of its first line; {@code end} is just past the
   * newline that ends it (or the end of the text). For key/values, {@code valueStart} and
   * {@code valueEnd} bound the value itself; {@code name} is the key or the header name with
   * spaces and quotes removed.
   */
  record Statement(Kind kind, String name, int start, int end, int valueStart, int valueEnd) {}

  private final String text;
  private int pos;

  private TomlLayout(String text) {
    this.text = text;
  }

  static List<Statement> scan(String text) {
    return new TomlLayout(text).statements();
  }

  /** Offset of the start of the line containing {@code offset}. */
  static int lineStart(String text, int offset) {
    int i = offset;
    while (i > 0 && text.charAt(i - 1) != '\n') i--;
    return i;
  }

  /** Offset just past the newline ending the line that contains {@code offset}. */
  static int lineEnd(String text, int offset) {
    int nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length() : nl + 1;
  }

  static boolean isBlankLine(String text, int start) {
    return text.substring(start, lineEnd(text, start)).isBlank();
  }

  /** "folder", from {@code folder}, {@code "folder"} or {@code  folder }: quotes and spaces do not change a key. */
  static String plainName(String raw) {
    StringBuilder b = new StringBuilder();
    for (char c : raw.toCharArray()) if (c != '"' && c != '\'' && c != ' ' && c != '\t') b.append(c);
    return b.toString();
  }

  private List<Statement> statements() {
    List<Statement> out = new ArrayList<>();
    while (pos < text.length()) {
      int start = pos;
      skipSpaces();
      if (pos >= text.length()) break;
      char c = text.charAt(pos);
      if (c == '\n' || c == '\r' || c == '#') {
        pos = lineEnd(text, pos);
      } else if (c == '[') {
        boolean array = pos + 1 < text.length() && text.charAt(pos + 1) == '[';
        pos += array ? 2 : 1;
        int nameStart = pos;
        while (pos < text.length() && text.charAt(pos) != ']') {
          if (text.charAt(pos) == '"' || text.charAt(pos) == '\'') skipString();
          else pos++;
        }
        String name = plainName(text.substring(nameStart, pos));
        pos = lineEnd(text, pos);
        out.add(new Statement(array ? Kind.ARRAY_TABLE : Kind.TABLE, name, start, pos, -1, -1));
      } else {
        int keyStart = pos;
        while (pos < text.length() && text.charAt(pos) != '=') {
          if (text.charAt(pos) == '"' || text.charAt(pos) == '\'') skipString();
          else pos++;
        }
        String name = plainName(text.substring(keyStart, pos));
        pos++; // '='
        skipSpaces();
        int valueStart = pos;
        int valueEnd = skipValue();
        pos = lineEnd(text, valueEnd);
        out.add(new Statement(Kind.KEY_VALUE, name, start, pos, valueStart, valueEnd));
      }
    }
    return out;
  }

  private void skipSpaces() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) pos++;
  }

  /** Moves past the value at {@code pos}; returns where the value ends (before any comment). */
  private int skipValue() {
    if (pos >= text.length()) return pos;
    char c = text.charAt(pos);
    if (c == '"' || c == '\'') {
      skipString();
      return pos;
    }
    if (c == '[' || c == '{') {
      int depth = 0;
      while (pos < text.length()) {
        char d = text.charAt(pos);
        if (d == '"' || d == '\'') {
          skipString();
          continue;
        }
        if (d == '#') {
          pos = lineEnd(text, pos);
          continue;
        }
        pos++;
        if (d == '[' || d == '{') depth++;
        if ((d == ']' || d == '}') && --depth == 0) break;
      }
      return pos;
    }
    // Bare values (numbers, booleans, dates that may contain a space) run to a comment or the line end.
    int end = pos;
    while (end < text.length() && text.charAt(end) != '#' && text.charAt(end) != '\n') end++;
    while (end > pos && Character.isWhitespace(text.charAt(end - 1))) end--;
    pos = end;
    return end;
  }

  /** Moves past the string starting at {@code pos}: basic, literal, or either multi-line form. */
  private void skipString() {
    char q = text.charAt(pos);
    String triple = String.valueOf(q).repeat(3);
    if (text.startsWith(triple, pos)) {
      pos += 3;
      while (pos < text.length() && !text.startsWith(triple, pos)) pos += (q == '"' && text.charAt(pos) == '\\') ? 2 : 1;
      pos = Math.min(text.length(), pos + 3);
      // Up to two quotes may sit right before the closing delimiter; they belong to the content.
      for (int i = 0; i < 2 && pos < text.length() && text.charAt(pos) == q; i++) pos++;
      return;
    }
    pos++;
    while (pos < text.length() && text.charAt(pos) != q && text.charAt(pos) != '\n') {
      pos += (q == '"' && text.charAt(pos) == '\\') ? 2 : 1;
    }
    if (pos < text.length() && text.charAt(pos) == q) pos++;
  }
}
