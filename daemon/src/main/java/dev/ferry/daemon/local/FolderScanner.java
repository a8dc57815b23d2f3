package dev.ferry.daemon.local;

import dev.ferry.daemon.core.EntryKind;
import dev.ferry.protocol.PathRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a folder and reports every file and directory that is synced. A file whose size, mtime
 * and ctime equal the index's is not re-read: its indexed hash stands. Symlinks, sockets and
 * devices are skipped (a symlink could lead outside the folder), as are ignored paths, the
 * {@code .ferry} marker and our own temp files; a temp file an earlier daemon left is removed.
 */
public final class FolderScanner {
  private static final Logger log = LoggerFactory.getLogger(FolderScanner.class);
  public static final String MARKER = ".ferry";
  public static final String TEMP_PREFIX = ".ferry-tmp-";

  private FolderScanner() {}

  /** The outcome: what was found, and names that could not be synced (with why). */
  public record Scan(Map<String, LocalFile> files, List<String> skipped) {}

  public static boolean isInternal(String relPath) {
    String name = relPath.substring(relPath.lastIndexOf('/') + 1);
    return relPath.equals(MARKER) || TempNames.isTemp(name);
  }

  public static Scan scan(Path root, IgnoreRules ignore, Map<String, IndexEntry> index) throws IOException {
    return scan(root, ignore, index, Runnable::run);
  }

  /**
   * Like {@link #scan(Path, IgnoreRules, Map)}, reading the files that must be hashed (new or
   * changed since the index) on {@code hashers}: a first scan of a large folder hashes all of it,
   * and the walk itself only stats.
   */
  public static Scan scan(Path root, IgnoreRules ignore, Map<String, IndexEntry> index, Executor hashers)
      throws IOException {
    Map<String, LocalFile> out = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    List<CompletableFuture<LocalFile>> hashed = new ArrayList<>();
    java.time.Instant now = java.time.Instant.now();
    // Paths this user may not read (EACCES): said in the notes and held at their base, so one
    // unreadable file neither fails the whole run nor reads as a deletion on every other device.
    Set<String> unreadable = ConcurrentHashMap.newKeySet();
    // Synced paths that are no regular file or directory now (a symlink, a fifo): held the same way.
    Set<String> held = new java.util.HashSet<>();
    // Paths the walk could not read for another reason: held the same way, named in the notes.
    Set<String> failed = new java.util.HashSet<>();
    Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (dir.equals(root)) return FileVisitResult.CONTINUE;
        String rel = relative(root, dir);
        if (rel == null || isInternal(rel) || ignore.isIgnored(rel, true)) return FileVisitResult.SKIP_SUBTREE;
        if (!valid(rel, skipped)) return FileVisitResult.SKIP_SUBTREE;
        try {
          FileSystemFaults.beforeRead(dir);
        } catch (IOException denied) {
          visitFileFailed(dir, denied);
          return FileVisitResult.SKIP_SUBTREE;
        }
        out.put(rel, LocalFile.dir(rel));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = relative(root, file);
        if (!attrs.isRegularFile()) {
          // Symlinks, devices, sockets: never synced, and said so (an ignore rule silences it).
          if (rel != null && !isInternal(rel) && !ignore.isIgnored(rel, false)) {
            skipped.add(rel + (attrs.isSymbolicLink() ? ": a symbolic link, not synced" : ": not a regular file, not synced"));
            // A synced file replaced by a link (as dotfile managers do) is held, not deleted everywhere.
            if (index.containsKey(rel)) held.add(rel);
          }
          return FileVisitResult.CONTINUE;
        }
        if (rel != null && TempNames.isLeftOver(file.getFileName().toString(), attrs.lastModifiedTime().toInstant(), now)) {
          // A daemon killed mid-write left it: nothing will rename it, and it would keep its
          // directory from being removed when another device deletes that directory.
          try {
            Files.deleteIfExists(file);
            log.info("removed {}, a temp file an earlier daemon left", rel);
          } catch (IOException e) {
            log.warn("cannot remove the left-over temp file {}: {}", rel, e.toString());
          }
          return FileVisitResult.CONTINUE;
        }
        if (rel == null || isInternal(rel) || ignore.isIgnored(rel, false) || !valid(rel, skipped)) {
          return FileVisitResult.CONTINUE;
        }
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        long ctime = ctimeOf(file);
        if (ctime < 0) return FileVisitResult.CONTINUE; // deleted while we walked: the next scan sees it
        // On Unix the walk's attributes are POSIX ones already: no second stat for the mode.
        boolean exec = attrs instanceof PosixFileAttributes pa
            ? pa.permissions().contains(PosixFilePermission.OWNER_EXECUTE) : isExecutable(file);
        IndexEntry known = index.get(rel);
        if (known != null && known.sameStat(size, mtime, ctime)) {
          out.put(rel, new LocalFile(rel, EntryKind.FILE, known.hash(), exec, size, mtime, ctime));
        } else {
          hashed.add(CompletableFuture.supplyAsync(() -> {
            try {
              FileSystemFaults.beforeRead(file);
              return new LocalFile(rel, EntryKind.FILE, ContentHash.ofFile(file), exec, size, mtime, ctime);
            } catch (java.nio.file.NoSuchFileException gone) {
              return null; // deleted while we walked: the next scan sees it
            } catch (java.nio.file.AccessDeniedException denied) {
              unreadable.add(rel);
              return null;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }, hashers));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        String rel = relative(root, file);
        if (exc instanceof java.nio.file.NoSuchFileException) return FileVisitResult.CONTINUE; // gone while we walked
        if (exc instanceof java.nio.file.AccessDeniedException && rel != null) {
          unreadable.add(rel); // a directory we may not list
        } else {
          // Any other failure to list or stat (out of file descriptors, an I/O error of a failing
          // disk) is held too: the path's silence read as a deletion of everything under it, and
          // with the open-file limit reached, a run would publish the deletion of the folder.
          log.warn("cannot read {}: {}", file, exc.toString());
          String reason = exc instanceof java.nio.file.FileSystemException fe && fe.getReason() != null ? fe.getReason() : exc.toString();
          skipped.add(String.valueOf(rel) + ": cannot be read (" + reason + "), held as last synced");
          if (rel != null) failed.add(rel);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    for (CompletableFuture<LocalFile> f : hashed) {
      LocalFile lf;
      try {
        lf = f.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
        throw e;
      }
      if (lf != null) out.put(lf.path(), lf);
    }
    unreadable.stream().sorted().forEach(rel -> skipped.add(rel + ": cannot be read (permission denied), not synced"));
    held.addAll(unreadable);
    held.addAll(failed);
    hold(index, out, e -> ignore.isIgnored(e.path(), e.kind() == EntryKind.DIR) || under(e.path(), held));
    return new Scan(out, skipped);
  }

  /**
   * The ctime of a file the walk found (its attributes carry none: one lstat more); -1 if it is
   * gone, 0 if it cannot be told, and then the file is hashed, which tells whether it changed.
   */
  private static long ctimeOf(Path file) {
    try {
      return FileStat.ctimeNs(file);
    } catch (java.nio.file.NoSuchFileException gone) {
      return -1;
    } catch (IOException unknown) {
      return 0;
    }
  }

  /** Whether {@code path} is one of {@code tops} or inside one of them. */
  private static boolean under(String path, Set<String> tops) {
    if (tops.isEmpty()) return false;
    for (String p = path; ; p = p.substring(0, p.lastIndexOf('/'))) {
      if (tops.contains(p)) return true;
      if (p.indexOf('/') < 0) return false;
    }
  }

  /**
   * A synced path the scan could not see for a reason that is no deletion (an ignore rule added
   * later, a file or directory this user may not read, a symlink or fifo that replaced it) is
   * reported as it was last synced: it
   * stops syncing, it is not deleted on every other device. Without this the scan's silence would
   * read as a local deletion and be published. ({@link IgnoreRules#isIgnored} asks about every
   * parent directory too: a file under a newly ignored dir/ is held.)
   */
  private static void hold(Map<String, IndexEntry> index, Map<String, LocalFile> out, java.util.function.Predicate<IndexEntry> unseen) {
    for (IndexEntry e : index.values()) {
      if (e.deleted() || out.containsKey(e.path()) || isInternal(e.path()) || !unseen.test(e)) continue;
      out.put(e.path(), new LocalFile(e.path(), e.kind(), e.hash(), e.executable(), e.size(), e.mtimeNs(), e.ctimeNs()));
    }
  }

  /**
   * Whether the folder's root (reached through a link, if it is one) or its {@link #MARKER} is
   * gone: an unmounted disk, whose empty mount point must not read as everything deleted.
   */
  public static boolean rootOrMarkerGone(Path root) {
    return !Files.isDirectory(root) || !Files.exists(root.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
  }

  /** Stats one file the way a scan would; null if it is absent or not a regular file. */
  public static LocalFile stat(Path root, String rel, IndexEntry known) throws IOException {
    Path p = root.resolve(rel);
    FileStat a;
    try {
      a = FileStat.of(p);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
    if (a.directory()) return LocalFile.dir(rel);
    if (!a.regularFile()) return null;
    boolean exec = isExecutable(p);
    String hash = known != null && known.sameStat(a.size(), a.mtimeNs(), a.ctimeNs()) ? known.hash() : ContentHash.ofFile(p);
    return new LocalFile(rel, EntryKind.FILE, hash, exec, a.size(), a.mtimeNs(), a.ctimeNs());
  }

  static boolean isExecutable(Path file) throws IOException {
    try {
      PosixFileAttributes pa = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return pa.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  private static String relative(Path root, Path p) {
    String rel = root.relativize(p).toString();
    if (java.io.File.separatorChar != '/') rel = rel.replace(java.io.File.separatorChar, '/');
    return rel.isEmpty() ? null : rel;
  }

  private static boolean valid(String rel, List<String> skipped) {
    try {
      String n = PathRules.normalize(rel);
      if (!n.equals(rel)) {
        // A non-NFC name on disk would map to another name on every other device.
        skipped.add(rel + ": name is not in Unicode NFC form");
        return false;
      }
      return true;
    } catch (PathRules.InvalidPath e) {
      skipped.add(e.getMessage());
      return false;
    }
  }
}
