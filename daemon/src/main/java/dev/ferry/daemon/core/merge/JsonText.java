package dev.ferry.daemon.core.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader and a writer for {@link JsonValue}, small enough to own: it keeps key
 * order and the exact text of numbers and strings, which generic readers (doubles, maps) lose.
 * The reader also notes the source's {@link Layout} so that a merged document can be written
 * the way the files already look.
 */
final class JsonText {
  /** Deeper documents are refused rather than risking the stack. */
  static final int MAX_DEPTH = 512;

  private JsonText() {}

  /** A JSON text that does not parse; the message names the offset and what was expected. */
  static final class SyntaxError extends RuntimeException {
    SyntaxError(String message) {
      super(message);
    }
  }

  /**
   * How a document is formatted. {@code pretty}: one member per line, indented by {@code indent}
   * per level, lines ended by {@code lineEnd}; otherwise all on one line, with or without a
   * space after {@code :} and {@code ,}.
   */
  record Layout(boolean pretty, String indent, String lineEnd, boolean spaceAfterColon, boolean spaceAfterComma,
      boolean bom, boolean finalNewline) {
    static final Layout COMPACT = new Layout(false, "", "\n", false, false, false, false);
  }

  record Parsed(JsonValue value, Layout layout) {}

  static Parsed parse(String text) {
    Reader r = new Reader(text);
    return r.document();
  }

  static String write(JsonValue value, Layout layout) {
    StringBuilder sb = new StringBuilder();
    if (layout.bom()) sb.append('\uFEFF');
    writeValue(sb, value, layout, 0);
    if (layout.finalNewline()) sb.append(layout.lineEnd());
    return sb.toString();
  }

  private static void writeValue(StringBuilder sb, JsonValue v, Layout layout, int depth) {
    if (v instanceof JsonValue.Obj o) {
      if (o.members().isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        separator(sb, layout, depth + 1, first);
        first = false;
        // Keys are written from their decoded value: a key's raw escapes are not kept.
        writeString(sb, e.getKey());
        sb.append(layout.spaceAfterColon() ? ": " : ":");
        writeValue(sb, e.getValue(), layout, depth + 1);
      }
      close(sb, layout, depth);
      sb.append('}');
    } else if (v instanceof JsonValue.Arr a) {
      if (a.items().isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      boolean first = true;
      for (JsonValue item : a.items()) {
        separator(sb, layout, depth + 1, first);
        first = false;
        writeValue(sb, item, layout, depth + 1);
      }
      close(sb, layout, depth);
      sb.append(']');
    } else if (v instanceof JsonValue.Str s) {
      sb.append('"').append(s.raw()).append('"');
    } else if (v instanceof JsonValue.Num n) {
      sb.append(n.text());
    } else if (v instanceof JsonValue.Bool b) {
      sb.append(b.value());
    } else {
      sb.append("null");
    }
  }

  private static void separator(StringBuilder sb, Layout layout, int depth, boolean first) {
    if (!first) sb.append(',');
    if (layout.pretty()) {
      sb.append(layout.lineEnd()).append(layout.indent().repeat(depth));
    } else if (!first && layout.spaceAfterComma()) {
      sb.append(' ');
    }
  }

  private static void close(StringBuilder sb, Layout layout, int depth) {
    if (layout.pretty()) sb.append(layout.lineEnd()).append(layout.indent().repeat(depth));
  }

  static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          boolean loneSurrogate = Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
          if (c < 0x20 || loneSurrogate) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static final class Reader {
    private final String s;
    private int pos;
    // Layout as observed: the first line break, the indent after it, the first ':' and ','.
    private boolean sawNewline;
    private String indent;
    private String lineEnd = "\n";
    private Boolean spaceAfterColon;
    private Boolean spaceAfterComma;
    private boolean observing;

    Reader(String s) {
      this.s = s;
    }

    Parsed document() {
      boolean bom = s.startsWith("\uFEFF");
      if (bom) pos = 1;
      whitespace();
      // Only line breaks inside the document say it is pretty-printed; a final newline does not.
      observing = true;
      JsonValue v = value(0);
      observing = false;
      whitespace();
      if (pos != s.length()) throw error("unexpected text after the document");
      boolean finalNewline = s.endsWith("\n");
      if (!sawNewline && finalNewline) lineEnd = s.endsWith("\r\n") ? "\r\n" : "\n";
      boolean colonSpace = spaceAfterColon != null ? spaceAfterColon : sawNewline;
      Layout layout = sawNewline
          ? new Layout(true, indent, lineEnd, colonSpace, false, bom, finalNewline)
          : new Layout(false, "", lineEnd, colonSpace, spaceAfterComma != null && spaceAfterComma, bom, finalNewline);
      return new Parsed(v, layout);
    }

    private JsonValue value(int depth) {
      if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
      if (pos >= s.length()) throw error("unexpected end, expected a value");
      char c = s.charAt(pos);
      switch (c) {
        case '{': return object(depth);
        case '[': return array(depth);
        case '"': return string();
        case 't': return literal("true", new JsonValue.Bool(true));
        case 'f': return literal("false", new JsonValue.Bool(false));
        case 'n': return literal("null", new JsonValue.Null());
        default:
          if (c == '-' || (c >= '0' && c <= '9')) return number();
          throw error("unexpected character '" + printable(c) + "', expected a value");
      }
    }

    private JsonValue.Obj object(int depth) {
      pos++; // {
      LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
      whitespace();
      if (peek() == '}') {
        pos++;
        return new JsonValue.Obj(members);
      }
      while (true) {
        whitespace();
        if (peek() != '"') throw error("expected a key in quotes");
        int keyAt = pos;
        String key = string().value();
        whitespace();
        expect(':');
        if (spaceAfterColon == null) spaceAfterColon = pos < s.length() && s.charAt(pos) == ' ';
        whitespace();
        JsonValue v = value(depth + 1);
        if (members.putIfAbsent(key, v) != null) {
          pos = keyAt;
          throw error("duplicate key \"" + key + "\"");
        }
        whitespace();
        char c = peek();
        if (c == ',') {
          comma();
          continue;
        }
        if (c == '}') {
          pos++;
          return new JsonValue.Obj(members);
        }
        throw error("expected ',' or '}'");
      }
    }

    private JsonValue.Arr array(int depth) {
      pos++; // [
      List<JsonValue> items = new ArrayList<>();
      whitespace();
      if (peek() == ']') {
        pos++;
        return new JsonValue.Arr(items);
      }
      while (true) {
        whitespace();
        items.add(value(depth + 1));
        whitespace();
        char c = peek();
        if (c == ',') {
          comma();
          continue;
        }
        if (c == ']') {
          pos++;
          return new JsonValue.Arr(items);
        }
        throw error("expected ',' or ']'");
      }
    }

    private void comma() {
      pos++;
      if (spaceAfterComma == null) spaceAfterComma = pos < s.length() && s.charAt(pos) == ' ';
    }

    private JsonValue.Str string() {
      int start = ++pos; // opening quote
      StringBuilder value = new StringBuilder();
      while (true) {
        if (pos >= s.length()) throw error("unterminated string");
        char c = s.charAt(pos);
        if (c == '"') {
          String raw = s.substring(start, pos);
          pos++;
          return new JsonValue.Str(value.toString(), raw);
        }
        if (c < 0x20) throw error("control character in a string (must be escaped)");
        if (c == '\\') {
          if (pos + 1 >= s.length()) throw error("unterminated escape");
          char e = s.charAt(pos + 1);
          switch (e) {
            case '"' -> value.append('"');
            case '\\' -> value.append('\\');
            case '/' -> value.append('/');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'u' -> {
              if (pos + 6 > s.length()) throw error("short \\u escape");
              int cp = 0;
              for (int i = pos + 2; i < pos + 6; i++) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) throw error("bad hex digit in \\u escape");
                cp = cp * 16 + d;
              }
              value.append((char) cp);
              pos += 4;
            }
            default -> throw error("bad escape \\" + printable(e));
          }
          pos += 2;
        } else {
          value.append(c);
          pos++;
        }
      }
    }

    private JsonValue.Num number() {
      int start = pos;
      if (peek() == '-') pos++;
      if (peek() == '0') {
        pos++;
      } else if (isDigit(peek())) {
        while (isDigit(peek())) pos++;
      } else {
        throw error("expected a digit");
      }
      if (peek() == '.') {
        pos++;
        if (!isDigit(peek())) throw error("expected a digit after '.'");
        while (isDigit(peek())) pos++;
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') pos++;
        if (!isDigit(peek())) throw error("expected a digit in the exponent");
        while (isDigit(peek())) pos++;
      }
      return new JsonValue.Num(s.substring(start, pos));
    }

    private JsonValue literal(String word, JsonValue v) {
      if (!s.startsWith(word, pos)) throw error("expected " + word);
      pos += word.length();
      return v;
    }

    private void whitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\n') {
          if (!sawNewline && observing) {
            sawNewline = true;
            if (pos > 0 && s.charAt(pos - 1) == '\r') lineEnd = "\r\n";
            int i = pos + 1;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
            indent = s.substring(pos + 1, i);
          }
        } else if (c != ' ' && c != '\t' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) throw error("expected '" + c + "'");
      pos++;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static String printable(char c) {
      return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private SyntaxError error(String what) {
      int line = 1;
      int col = 1;
      for (int i = 0; i < Math.min(pos, s.length()); i++) {
        if (s.charAt(i) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      return new SyntaxError(what + " at line " + line + ", column " + col);
    }
  }
}
