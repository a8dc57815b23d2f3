package dev.ferry.config;

import java.nio.file.Path;

/**
 * One thing wrong with a config file. {@code line} and {@code column} are 1-based, 0 when the
 * problem has no place in the text (the file cannot be read). {@code key} is dotted
 * ({@code triggers.watch.debounce}, {@code folder[1].path}; folder indexes count from 0 in file
 * order), empty for syntax errors.
 */
public record ConfigProblem(Path file, int line, int column, String key, String message) {
  /** {@code FILE:LINE:COL: KEY: MESSAGE}, the shape compilers use so editors can jump to it. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(String.valueOf(file));
    if (line > 0) b.append(':').append(line).append(':').append(column);
    b.append(": ");
    if (key != null && !key.isEmpty()) b.append(key).append(": ");
    return b.append(message).toString();
  }
}
