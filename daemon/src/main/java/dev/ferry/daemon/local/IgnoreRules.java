package dev.ferry.daemon.local;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which paths of a folder are not synced, in gitignore syntax: the folder's {@code ignore}
 * list from the config, then the lines of a {@code .ferryignore} file at the folder root.
 *
 * <p>Semantics follow git: {@code *}, {@code ?}, {@code [a-z]}, {@code [!x]}; {@code **} as a
 * leading {@code **&#47;}, a trailing {@code /**} or a middle {@code /**&#47;}; a pattern with
 * a slash at its start or in its middle is anchored to the folder root, otherwise it matches
 * a name at any depth; a trailing slash matches directories only; {@code !} re-includes; the
 * last matching pattern wins. A path inside an ignored directory is ignored whatever later
 * patterns say, because, as in git, the directory is never descended into.
 *
 * <p>Immutable and thread-safe; patterns are compiled once.
 */
public final class IgnoreRules {
  /** The per-folder ignore file, at the folder root. */
  public static final String FILE_NAME = ".ferryignore";

  private static final IgnoreRules NONE = new IgnoreRules(List.of(), List.of());

  private final List<IgnorePattern> patterns;
  /** The lines that do not come from {@code .ferryignore} (config.toml's): what {@link #reloaded} keeps. */
  private final List<String> configured;

  private IgnoreRules(List<IgnorePattern> patterns, List<String> configured) {
    this.patterns = List.copyOf(patterns);
    this.configured = List.copyOf(configured);
  }

  /** Rules that ignore nothing. */
  public static IgnoreRules none() {
    return NONE;
  }

  /** Rules from gitignore lines, in order (blank lines and {@code #} comments are skipped). */
  public static IgnoreRules of(List<String> lines) {
    return of(lines, lines);
  }

  private static IgnoreRules of(List<String> lines, List<String> configured) {
    List<IgnorePattern> compiled = new ArrayList<>();
    for (String line : lines) {
      IgnorePattern p = IgnorePattern.parse(line);
      if (p != null) {
        compiled.add(p);
      }
    }
    return new IgnoreRules(compiled, configured);
  }

  /**
   * The same configured patterns with {@code folderRoot/.ferryignore} read again: for a run whose
   * pull has just written that file.
   */
  public IgnoreRules reloaded(Path folderRoot) throws IOException {
    return load(folderRoot, configured);
  }

  /**
   * The config patterns followed by those of {@code folderRoot/.ferryignore} if it exists, so
   * the file's lines win over the config's.
   *
   * @throws IOException if the file exists but cannot be read, is not a regular file, or is
   *     not UTF-8; the message names the file
   */
  public static IgnoreRules load(Path folderRoot, List<String> configPatterns) throws IOException {
    Path file = folderRoot.resolve(FILE_NAME);
    List<String> lines = new ArrayList<>(configPatterns);
    String text;
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
          && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(file + " is not a regular file");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException absent) {
      return of(lines, configPatterns);
    } catch (CharacterCodingException e) {
      throw new IOException(file + " is not valid UTF-8", e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    lines.addAll(text.lines().toList());
    return of(lines, configPatterns);
  }

  /**
   * Whether {@code relativePath} ({@code /}-separated, relative to the folder root, no leading
   * or trailing slash) is ignored.
   *
   * @param isDirectory whether the path names a directory (patterns ending in {@code /} match
   *     only directories)
   */
  public boolean isIgnored(String relativePath, boolean isDirectory) {
    if (relativePath == null || relativePath.isEmpty() || relativePath.startsWith("/")
        || relativePath.endsWith("/")) {
      throw new IllegalArgumentException("not a relative path: '" + relativePath + "'");
    }
    if (patterns.isEmpty()) {
      return false;
    }
    int nameStart = 0;
    for (int slash = relativePath.indexOf('/'); slash >= 0;
        slash = relativePath.indexOf('/', slash + 1)) {
      if (decide(relativePath, nameStart, slash, true)) {
        return true;
      }
      nameStart = slash + 1;
    }
    return decide(relativePath, nameStart, relativePath.length(), isDirectory);
  }

  /** The last matching pattern decides; no match means not ignored. */
  private boolean decide(String path, int nameStart, int end, boolean isDirectory) {
    for (int i = patterns.size() - 1; i >= 0; i--) {
      IgnorePattern p = patterns.get(i);
      if (p.matches(path, nameStart, end, isDirectory)) {
        return !p.negated();
      }
    }
    return false;
  }

  /** The effective patterns, in order, as written. */
  public List<String> patterns() {
    return patterns.stream().map(IgnorePattern::source).toList();
  }

  @Override
  public String toString() {
    return "IgnoreRules" + patterns;
  }
}
