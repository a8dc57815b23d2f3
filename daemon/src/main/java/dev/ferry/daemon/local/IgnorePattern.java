package dev.ferry.daemon.local;

import java.util.regex.Pattern;

/**
 * One gitignore line, compiled once to a regular expression. Package-private: the rules as a
 * whole ({@link IgnoreRules}) are the API.
 */
final class IgnorePattern {
  private final String source;
  private final Pattern regex;
  private final boolean negated;
  private final boolean directoryOnly;
  /** No slash in the pattern: it is tried against the last path component at any depth. */
  private final boolean nameOnly;

  private IgnorePattern(String source, Pattern regex, boolean negated, boolean directoryOnly,
      boolean nameOnly) {
    this.source = source;
    this.regex = regex;
    this.negated = negated;
    this.directoryOnly = directoryOnly;
    this.nameOnly = nameOnly;
  }

  /** The pattern of one line, or {@code null} for a blank line, a comment, or no pattern. */
  static IgnorePattern parse(String line) {
    String s = trimTrailingSpaces(stripCr(line));
    if (s.isEmpty() || s.charAt(0) == '#') {
      return null;
    }
    boolean negated = s.charAt(0) == '!';
    String body = negated ? s.substring(1) : s;
    boolean directoryOnly = false;
    while (body.endsWith("/") && !endsWithEscape(body, body.length() - 1)) {
      directoryOnly = true;
      body = body.substring(0, body.length() - 1);
    }
    boolean anchored = body.indexOf('/') >= 0;
    if (body.startsWith("/")) {
      body = body.substring(1);
    }
    if (body.isEmpty()) {
      return null;
    }
    return new IgnorePattern(s, Pattern.compile(globToRegex(body)), negated, directoryOnly,
        !anchored);
  }

  String source() { return source; }

  boolean negated() { return negated; }

  /**
   * Whether the pattern matches the path {@code path[0, end)}, whose last component starts at
   * {@code nameStart}.
   */
  boolean matches(String path, int nameStart, int end, boolean isDirectory) {
    if (directoryOnly && !isDirectory) {
      return false;
    }
    return regex.matcher(path).region(nameOnly ? nameStart : 0, end).matches();
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** Git trims trailing spaces unless the last one is escaped with a backslash. */
  private static String trimTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ' && !endsWithEscape(s, end - 1)) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Whether the character at {@code index} is escaped: an odd run of backslashes before it. */
  private static boolean endsWithEscape(String s, int index) {
    int backslashes = 0;
    for (int i = index - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /** A regex that matches nothing. */
  private static final String NEVER = "(?!)";

  /** Translates a gitignore glob (leading and trailing slashes already removed) to a regex. */
  static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder(glob.length() * 2);
    int n = glob.length();
    int i = 0;
    while (i < n) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          int j = i;
          while (j < n && glob.charAt(j) == '*') {
            j++;
          }
          boolean ownComponent = (i == 0 || glob.charAt(i - 1) == '/')
              && (j == n || glob.charAt(j) == '/');
          if (j - i == 2 && ownComponent) {
            if (j == n) {
              // "**" alone matches everything; "dir/**" everything inside dir.
              re.append(i == 0 ? ".*" : ".+");
              i = j;
            } else {
              // "**/" at the start or "/**/" in the middle: zero or more directories.
              re.append("(?:.*/)?");
              i = j + 1;
            }
          } else {
            // "*", and any other run of asterisks, which git treats as a plain "*".
            re.append("[^/]*");
            i = j;
          }
        }
        case '?' -> {
          re.append("[^/]");
          i++;
        }
        case '[' -> {
          int next = appendClass(glob, i, re);
          if (next < 0) {
            return NEVER; // an unclosed bracket: git's wildmatch matches nothing
          }
          i = next;
        }
        case '\\' -> {
          if (i + 1 < n) {
            appendLiteral(re, glob.charAt(i + 1));
            i += 2;
          } else {
            appendLiteral(re, '\\');
            i++;
          }
        }
        default -> {
          appendLiteral(re, c);
          i++;
        }
      }
    }
    return re.toString();
  }

  /**
   * Appends the bracket expression starting at {@code glob[start] == '['}; returns the index
   * after its closing bracket, or -1 if it is not closed.
   */
  private static int appendClass(String glob, int start, StringBuilder re) {
    int n = glob.length();
    int j = start + 1;
    boolean negated = j < n && (glob.charAt(j) == '!' || glob.charAt(j) == '^');
    if (negated) {
      j++;
    }
    StringBuilder cls = new StringBuilder();
    boolean first = true;
    while (j < n) {
      char c = glob.charAt(j);
      if (c == ']' && !first) {
        // A class never matches the separator, negated or not.
        re.append("(?!/)[").append(negated ? "^" : "").append(cls).append(']');
        return j + 1;
      }
      first = false;
      if (c == '\\' && j + 1 < n) {
        j++;
        appendLiteral(cls, glob.charAt(j));
      } else if (c == '-') {
        cls.append('-'); // a range, as in "a-z"
      } else {
        appendLiteral(cls, c);
      }
      j++;
    }
    return -1;
  }

  /** Regex metacharacters are all ASCII; escaping any other ASCII symbol is harmless. */
  private static void appendLiteral(StringBuilder re, char c) {
    if (c < 128 && !Character.isLetterOrDigit(c)) {
      re.append('\\');
    }
    re.append(c);
  }

  @Override
  public String toString() {
    return source;
  }
}
