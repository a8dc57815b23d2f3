package dev.ferry.config;

import dev.ferry.protocol.Ids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;

/**
 * Changes config.toml the way a careful person would by hand: only the lines concerned change;
 * comments, blank lines and layout stay. Every edit is checked by loading the result with
 * {@link ConfigLoader}; if it would not load, the old file stays untouched and the problems are
 * thrown. Files are replaced atomically (temp file, fsync, rename, fsync of the directory) with
 * mode 0600; missing parent directories are created 0700. A config.toml that is a symlink (a
 * dotfile manager's) is edited at its target, so the link survives.
 *
 * <p>Refusals (duplicate folder id, overlapping path, unknown folder) are
 * {@link ConfigException}s whose problem points at the existing entry that is in the way.
 * Concurrent edits from two processes are not serialised: the last rename wins.
 */
public final class ConfigEditor {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private ConfigEditor() {}

  /**
   * Sets a top-level string key ({@code server}, {@code device_name}): replaces its value in
   * place (keeping a trailing comment) or, when absent, adds it after the last top-level key,
   * before the first table.
   */
  public static void setTopLevel(Path file, String key, String value) throws ConfigException, IOException {
    if (!BARE_KEY.matcher(key).matches()) throw new IllegalArgumentException("not a bare TOML key: " + key);
    Path target = target(file);
    String text = read(target);
    Path home = userHome();
    ConfigLoader.parse(text, file, home); // refuse to build on a broken file: its problems come first
    String nl = newline(text);
    String assignment = key + " = " + quote(value);
    List<TomlLayout.Statement> statements = TomlLayout.scan(text);
    TomlLayout.Statement lastTop = null;
    int firstHeader = text.length();
    for (TomlLayout.Statement s : statements) {
      if (s.kind() != TomlLayout.Kind.KEY_VALUE) {
        firstHeader = s.start();
        break;
      }
      if (s.name().equals(key)) {
        write(target, file, text.substring(0, s.valueStart()) + quote(value) + text.substring(s.valueEnd()), home);
        return;
      }
      lastTop = s;
    }
    String updated;
    if (lastTop != null) {
      int at = lastTop.end();
      String before = text.substring(0, at);
      if (!before.endsWith("\n")) before += nl;
      updated = before + assignment + nl + text.substring(at);
    } else if (firstHeader == text.length()) {
      updated = text + (text.isEmpty() || text.endsWith("\n") ? "" : nl) + assignment + nl;
    } else {
      // Comments right above the first table describe that table: insert above them.
      int at = firstHeader;
      while (at > 0) {
        int prev = TomlLayout.lineStart(text, at - 1);
        if (!text.substring(prev, at).strip().startsWith("#")) break;
        at = prev;
      }
      updated = text.substring(0, at) + assignment + nl + nl + text.substring(at);
    }
    write(target, file, updated, home);
  }

  /**
   * Appends a {@code [[folder]]} block. {@code path} is written as given (absolute, or starting
   * with {@code ~/}); {@code strategyOrNull} null leaves the folder on the {@code [sync]} default.
   *
   * @throws ConfigException when the id is malformed or taken, the path is relative, or it is
   *     the same as, inside, or around a folder already synced
   */
  public static void addFolder(Path file, String id, String path, ConflictStrategy strategyOrNull)
      throws ConfigException, IOException {
    Path target = target(file);
    String text = read(target);
    Path home = userHome();
    FerryConfig current = ConfigLoader.parse(text, file, home);
    if (!Ids.isFolderId(id)) {
      throw refusal(file, null, "folder", "folder id \"" + id
          + "\" must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    Path expanded;
    try {
      expanded = ConfigLoader.expandPath(path, home);
    } catch (IllegalArgumentException e) {
      throw refusal(file, null, "folder", e.getMessage());
    }
    TomlArray array = Toml.parse(text).getArray("folder");
    for (int i = 0; i < current.folders().size(); i++) {
      FolderConfig f = current.folders().get(i);
      TomlPosition at = array == null ? null : array.inputPositionOf(i);
      if (f.id().equals(id)) {
        throw refusal(file, at, "folder[" + i + "].id", "folder id \"" + id + "\" is already configured (" + f.path() + ")");
      }
      String clash = FolderOverlap.problem(id, expanded, expanded.toString(), f, null);
      if (clash != null) throw refusal(file, at, "folder[" + i + "].path", clash);
    }
    String nl = newline(text);
    StringBuilder b = new StringBuilder(text);
    if (!text.isEmpty()) {
      if (!text.endsWith("\n")) b.append(nl);
      if (!text.endsWith("\n\n") && !text.endsWith("\r\n\r\n")) b.append(nl);
    }
    b.append("[[folder]]").append(nl);
    b.append("id = ").append(quote(id)).append(nl);
    b.append("path = ").append(quote(path)).append(nl);
    if (strategyOrNull != null) b.append("conflict_strategy = ").append(quote(strategyOrNull.wireName())).append(nl);
    write(target, file, b.toString(), home);
  }

  /**
   * Removes the {@code [[folder]]} block of {@code id}: its header and every key up to its last
   * one. Comments after its last key are kept, since they usually introduce what follows.
   *
   * @throws ConfigException when no folder has that id
   */
  public static void removeFolder(Path file, String id) throws ConfigException, IOException {
    Path target = target(file);
    String text = read(target);
    Path home = userHome();
    FerryConfig current = ConfigLoader.parse(text, file, home);
    int index = -1;
    for (int i = 0; i < current.folders().size(); i++) if (current.folders().get(i).id().equals(id)) index = i;
    if (index < 0) throw refusal(file, null, "folder", "no folder with id \"" + id + "\" is configured");

    List<TomlLayout.Statement> statements = TomlLayout.scan(text);
    int headerIndex = -1;
    int seen = 0;
    int headers = 0;
    for (int i = 0; i < statements.size(); i++) {
      TomlLayout.Statement s = statements.get(i);
      if (s.kind() == TomlLayout.Kind.ARRAY_TABLE && s.name().equals("folder")) {
        if (seen++ == index) headerIndex = i;
        headers++;
      }
    }
    if (headers != current.folders().size() || headerIndex < 0) {
      throw refusal(file, null, "folder", "folders are not written as [[folder]] blocks; edit the file by hand");
    }
    int start = statements.get(headerIndex).start();
    int end = statements.get(headerIndex).end();
    for (int i = headerIndex + 1; i < statements.size() && statements.get(i).kind() == TomlLayout.Kind.KEY_VALUE; i++) {
      end = statements.get(i).end();
    }
    // Keep the blank-line rhythm: drop one blank line when the block sat between two of them.
    boolean blankBefore = start == 0 || TomlLayout.isBlankLine(text, TomlLayout.lineStart(text, start - 1));
    if (blankBefore && end < text.length() && TomlLayout.isBlankLine(text, end)) end = TomlLayout.lineEnd(text, end);
    else if (end == text.length() && start > 0 && blankBefore) start = TomlLayout.lineStart(text, start - 1);
    write(target, file, text.substring(0, start) + text.substring(end), home);
  }

  private static ConfigException refusal(Path file, TomlPosition at, String key, String message) {
    return new ConfigException(new ConfigProblem(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), key, message));
  }

  private static Path userHome() {
    return Path.of(System.getProperty("user.home"));
  }

  /** The file to rewrite: a symlink's target, so dotfile managers' links survive the rename. */
  private static Path target(Path file) throws IOException {
    return Files.isSymbolicLink(file) ? file.toRealPath() : file;
  }

  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    }
  }

  private static String newline(String text) {
    return text.contains("\r\n") ? "\r\n" : "\n";
  }

  private static String quote(String value) {
    return "\"" + Toml.tomlEscape(value) + "\"";
  }

  /** Checks that {@code text} loads, then replaces {@code target} with it atomically. */
  private static void write(Path target, Path shownAs, String text, Path home) throws ConfigException, IOException {
    ConfigLoader.parse(text, shownAs, home);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    // The rename is durable only once the directory entry is on disk.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory; the file itself is already synced.
    }
  }
}
