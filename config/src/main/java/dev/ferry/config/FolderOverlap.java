package dev.ferry.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The rule that a synced folder is never the same as, inside, or around another one. Paths are
 * compared as written (normalised) and as they lead on disk: where a path, or the longest part
 * of it that exists, goes through a symlink, its real path counts. Two folders over one
 * directory, one through a link to it ({@code ~/x} and {@code ~/link-to-x}), would otherwise
 * both sync it, each taking the other's writes for local edits.
 */
public final class FolderOverlap {
  private FolderOverlap() {}

  /**
   * Why folder {@code id} at {@code path} may not sit beside folder {@code other}: a sentence
   * naming both folders (ids and paths) and, when a symlink makes them meet, where they lead;
   * null when they are apart. {@code id} may be null (a folder whose id is itself wrong);
   * {@code otherNote} is added after the other folder's path (its line in config.toml), or null.
   */
  public static String problem(String id, Path path, String shownPath, FolderConfig other, String otherNote) {
    String relation = relation(path, other.path());
    String through = null;
    if (relation == null) {
      Path real = realPath(path);
      Path otherReal = realPath(other.path());
      relation = relation(real, otherReal);
      if (relation == null) return null;
      through = real.equals(otherReal) ? "both lead to " + real : real + " and " + otherReal;
    }
    String self = id == null ? "this folder" : "folder \"" + id + "\"";
    return self + " (" + shownPath + ") " + relation + " folder \"" + other.id() + "\" (" + other.path()
        + (otherNote == null ? "" : ", " + otherNote) + ")"
        + (through == null ? "" : " once symlinks are followed (" + through + ")")
        + "; synced folders must not overlap";
  }

  /** How {@code a} relates to {@code b} ("is the same directory as", "is inside", "contains"), or null when apart. */
  static String relation(Path a, Path b) {
    if (a.equals(b)) return "is the same directory as";
    if (a.startsWith(b)) return "is inside";
    if (b.startsWith(a)) return "contains";
    return null;
  }

  /**
   * {@code p} with symlinks resolved as far as it exists: the real path of its longest existing
   * prefix, then the rest as written. A path that does not exist yet (a folder to be created)
   * is judged by where its parent leads.
   */
  static Path realPath(Path p) {
    Path existing = p.toAbsolutePath().normalize();
    Deque<Path> rest = new ArrayDeque<>();
    while (existing != null && !Files.exists(existing)) {
      if (existing.getFileName() == null) return p;
      rest.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) return p;
    try {
      Path real = existing.toRealPath();
      while (!rest.isEmpty()) real = real.resolve(rest.pop());
      return real;
    } catch (IOException | SecurityException e) {
      return p; // not ours to read: as written
    }
  }
}
