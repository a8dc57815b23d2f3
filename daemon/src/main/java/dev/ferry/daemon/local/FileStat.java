package dev.ferry.daemon.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One path's stat, taken without following a link: what tells a file that changed from one that
 * did not. Besides size and mtime it holds the ctime, which the kernel sets on every change to
 * the inode and no program can set back, so an edit that restores size and mtime ({@code cp -p},
 * {@code rsync -a}, {@code touch -r}) still shows. Where the file system has no Unix view, ctime
 * is 0 and only size and mtime tell.
 */
public record FileStat(boolean regularFile, boolean directory, boolean symbolicLink, long size, long mtimeNs, long ctimeNs) {
  private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,isRegularFile,isDirectory,isSymbolicLink";

  /** One lstat of {@code p}; {@link java.nio.file.NoSuchFileException} when nothing is there. */
  public static FileStat of(Path p) throws IOException {
    if (!UNIX) {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return new FileStat(a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(), a.size(),
          a.lastModifiedTime().to(TimeUnit.NANOSECONDS), 0);
    }
    Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return new FileStat((Boolean) a.get("isRegularFile"), (Boolean) a.get("isDirectory"), (Boolean) a.get("isSymbolicLink"),
        (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
        ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
  }

  /** The ctime alone, for a path whose other attributes a directory walk already read (0 without a Unix view). */
  public static long ctimeNs(Path p) throws IOException {
    if (!UNIX) return 0;
    return ((FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).to(TimeUnit.NANOSECONDS);
  }
}
