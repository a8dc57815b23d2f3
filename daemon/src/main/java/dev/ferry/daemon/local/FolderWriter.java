package dev.ferry.daemon.local;

import dev.ferry.daemon.core.EntryKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * Every change the daemon makes inside a folder. Each write goes to a temp file in the target's
 * directory, is fsynced, and is renamed over the target only if the target still equals the
 * expected base, checked right before the rename (invariants 1 and 2). Nothing is written
 * through a symlink or outside the root (invariant 5).
 */
public final class FolderWriter {

  /** Produces the content of a file into the temp file's stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Path root;

  public FolderWriter(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() { return root; }

  /**
   * Writes {@code rel} atomically. {@code expected} is what the path must still be right before
   * the rename: null for "absent", else the indexed or scanned stat of the file.
   */
  public LocalFile writeFile(String rel, Content content, String hash, boolean executable, long mtimeMillis,
      LocalFile expected) throws IOException {
    return writeFileMovingAside(rel, null, content, hash, executable, mtimeMillis, expected);
  }

  /**
   * Writes {@code rel} like {@link #writeFile}, and right before the rename moves the file there
   * (still {@code expected}) to {@code copyRel}, a conflict copy (null: nothing is moved aside,
   * as {@link #writeFile}). The content is written first:
   * when that fails (a full disk), the local file is still under its name, untouched. Moving it
   * aside first left the name empty until the write could be done.
   */
  public LocalFile writeFileMovingAside(String rel, String copyRel, Content content, String hash, boolean executable,
      long mtimeMillis, LocalFile expected) throws IOException {
    // The target itself is looked at once, right before the rename, where a symlink is refused
    // (the rename would replace the link, never write through it).
    Path target = resolveUnder(rel);
    Path dir = target.getParent();
    if (!parentsAreDirectories(rel, target)) mkdirsSafe(dir);
    Path tmp = dir.resolve(TempNames.next());
    FileSystemFaults.beforeCreate(dir, tmp);
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        SparseOutput out = new SparseOutput(ch);
        content.writeTo(out);
        out.finish();
        FileSystemFaults.afterWrite(dir, tmp);
        // Mode and times are set before the fsync, which then makes them durable with the bytes.
        // A new file is created 0666 minus the umask: never executable, so only an executable one
        // needs its mode changed (a read and a write of the mode saved per file otherwise).
        if (executable) {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(tmp, LinkOption.NOFOLLOW_LINKS);
          perms.add(PosixFilePermission.OWNER_EXECUTE);
          if (perms.contains(PosixFilePermission.GROUP_READ)) perms.add(PosixFilePermission.GROUP_EXECUTE);
          if (perms.contains(PosixFilePermission.OTHERS_READ)) perms.add(PosixFilePermission.OTHERS_EXECUTE);
          Files.setPosixFilePermissions(tmp, perms);
        }
        if (mtimeMillis > 0 && !tmp.toFile().setLastModified(mtimeMillis)) {
          // java.io.File sets the time by path (a stat and a utimes); the NIO attribute views open
          // the file to set it through a descriptor: one to two system calls more per file. The
          // temp was created here with O_EXCL, so it is no link.
          throw new IOException("cannot set the modification time of " + tmp);
        }
        ch.force(true);
      }
      if (copyRel != null) moveAside(rel, copyRel, expected);
      else checkUnchanged(rel, target, expected);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        moved = true;
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
    } finally {
      if (!moved) Files.deleteIfExists(tmp);
    }
    // The rename set the ctime: the stat taken now is the one the index keeps for this file.
    FileStat a = FileStat.of(target);
    return new LocalFile(rel, EntryKind.FILE, hash, executable, a.size(), a.mtimeNs(), a.ctimeNs());
  }

  /** Creates a directory (and parents), refusing symlinks on the way. */
  public LocalFile mkdir(String rel) throws IOException {
    Path target = resolveSafe(rel);
    mkdirsSafe(target);
    return LocalFile.dir(rel);
  }

  /** Deletes a file if it still equals {@code expected}; a file already gone is fine. */
  public void deleteFile(String rel, LocalFile expected) throws IOException {
    Path target = resolveSafe(rel);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return;
    checkUnchanged(rel, target, expected);
    FileSystemFaults.beforeCreate(target.getParent(), target); // unlinking needs the same right as creating
    Files.deleteIfExists(target);
  }

  /**
   * Removes a directory if it is empty. Returns false when it still holds something (a local
   * file the other device never saw): it stays, and nothing is lost.
   */
  public boolean rmdirIfEmpty(String rel) throws IOException {
    Path target = resolveSafe(rel);
    try {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) Files.delete(target);
      return true;
    } catch (DirectoryNotEmptyException e) {
      return false;
    } catch (NoSuchFileException e) {
      return true;
    }
  }

  /**
   * Moves the local file at {@code rel} to {@code copyRel} (a conflict copy), if it still equals
   * {@code expected}. A rename keeps the user's bytes without copying them.
   */
  public void moveAside(String rel, String copyRel, LocalFile expected) throws IOException {
    Path from = resolveSafe(rel);
    Path to = resolveSafe(copyRel);
    checkUnchanged(rel, from, expected);
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) throw new IOException("conflict copy exists already: " + copyRel);
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  public Path resolveSafe(String rel) throws IOException {
    Path p = resolveUnder(rel);
    parentsAreDirectories(rel, p);
    if (Files.isSymbolicLink(p)) throw UnsafePathException.symlink(rel, "it is a symlink");
    return p;
  }

  private Path resolveUnder(String rel) throws UnsafePathException {
    Path p = root.resolve(rel).normalize();
    if (!p.startsWith(root) || p.equals(root)) throw new UnsafePathException(rel, "outside the folder");
    return p;
  }

  /**
   * Every existing component between the root and {@code p} must be a real directory (one lstat
   * each; below a component that does not exist, nothing does). Returns whether all exist.
   */
  private boolean parentsAreDirectories(String rel, Path p) throws IOException {
    Path cur = root;
    for (Path part : root.relativize(p.getParent())) {
      cur = cur.resolve(part);
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(cur, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException absentOrUnreadable) {
        return false; // the write itself then fails, or creates the directories
      }
      if (a.isSymbolicLink()) throw UnsafePathException.symlink(rel, cur + " is a symlink");
      // A file where a directory goes is a local change (the user turned the directory into a
      // file), not bad data from the hub: the write waits for the next run to decide it again.
      if (!a.isDirectory()) throw new LocalChangedException(rel + " (" + root.relativize(cur) + " is a file here)");
    }
    return true;
  }

  private void mkdirsSafe(Path dir) throws IOException {
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
    Path cur = root;
    for (Path part : root.relativize(dir)) {
      cur = cur.resolve(part);
      if (Files.isSymbolicLink(cur)) throw UnsafePathException.symlink(root.relativize(dir).toString(), cur + " is a symlink");
      if (!Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) {
        // Create first and look after: another writer of this run may create the same directory
        // between any look and the create, which is fine; only a non-directory there is not.
        try {
          Files.createDirectory(cur);
        } catch (java.nio.file.FileAlreadyExistsException exists) {
          if (!Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) {
            throw new LocalChangedException(root.relativize(cur) + " (a file stands where a directory goes)");
          }
        }
      }
    }
  }

  /** Invariant 1: the target is what we think it is, or we do not touch it. */
  private static void checkUnchanged(String rel, Path target, LocalFile expected) throws IOException {
    FileStat a;
    try {
      a = FileStat.of(target);
    } catch (NoSuchFileException e) {
      if (expected == null || expected.kind() == EntryKind.DIR) return;
      throw new LocalChangedException(rel); // deleted meanwhile: a local change to honour
    }
    if (a.symbolicLink()) throw UnsafePathException.symlink(rel, "it is a symlink");
    if (expected == null) throw new LocalChangedException(rel); // appeared meanwhile
    if (expected.kind() == EntryKind.DIR) {
      if (!a.directory()) throw new LocalChangedException(rel);
      return;
    }
    if (!a.regularFile()) throw new LocalChangedException(rel);
    // ctime too: an edit that put size and mtime back (cp -p) must not be overwritten unseen.
    if (a.size() == expected.size() && a.mtimeNs() == expected.mtimeNs() && a.ctimeNs() == expected.ctimeNs()) return;
    // Same bytes with a touched mtime (or ctime) is still the same file.
    if (a.size() == expected.size() && Objects.equals(ContentHash.ofFile(target), expected.hash())) return;
    throw new LocalChangedException(rel);
  }

}
