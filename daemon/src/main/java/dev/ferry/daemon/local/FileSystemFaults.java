package dev.ferry.daemon.local;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local-filesystem seam for fault tests. Tests run as root, and root ignores permission bits,
 * so a "read-only directory" would pass for the wrong reason; instead a test arms a fault for a
 * directory and {@link FolderWriter} fails there exactly as the kernel would (EACCES when the
 * temp file is created, ENOSPC halfway through writing it). Nothing is armed in production: the
 * check is one lookup in an empty map.
 */
public final class FileSystemFaults {
  /** What the armed directory does to writes. */
  public enum Fault {
    /** EACCES creating a file in the directory (a read-only directory for a non-root user). */
    PERMISSION,
    /** ENOSPC after some bytes were written (a full disk). */
    NO_SPACE,
    /** EACCES reading the armed file, or listing the armed directory (mode 000 for a non-root user). */
    UNREADABLE,
    /** EMFILE listing the armed directory or reading the armed file (the open-file limit reached). */
    NO_FILE_DESCRIPTORS
  }

  private static final Map<Path, Fault> ARMED = new ConcurrentHashMap<>();

  private FileSystemFaults() {}

  /**
   * Makes writes into {@code dir} (not its subdirectories) fail with {@code fault} until {@link #disarm};
   * for {@link Fault#UNREADABLE}, reading {@code dir} itself (a file, or a directory's listing).
   */
  public static void arm(Path dir, Fault fault) {
    ARMED.put(dir.toAbsolutePath().normalize(), fault);
  }

  public static void disarm(Path dir) {
    ARMED.remove(dir.toAbsolutePath().normalize());
  }

  public static void disarmAll() {
    ARMED.clear();
  }

  /** Before a file is created in {@code dir}: EACCES when armed so. */
  static void beforeCreate(Path dir, Path file) throws IOException {
    if (ARMED.isEmpty()) return;
    if (ARMED.get(dir.toAbsolutePath().normalize()) == Fault.PERMISSION) {
      throw new AccessDeniedException(file.toString(), null, "Permission denied");
    }
  }

  /** After the first bytes went into {@code file} in {@code dir}: ENOSPC when armed so. */
  static void afterWrite(Path dir, Path file) throws IOException {
    if (ARMED.isEmpty()) return;
    if (ARMED.get(dir.toAbsolutePath().normalize()) == Fault.NO_SPACE) {
      throw new FileSystemException(file.toString(), null, "No space left on device");
    }
  }

  /** Before a scan reads {@code path} (a file's bytes, a directory's entries): EACCES or EMFILE when armed so. */
  static void beforeRead(Path path) throws IOException {
    if (ARMED.isEmpty()) return;
    Fault f = ARMED.get(path.toAbsolutePath().normalize());
    if (f == Fault.UNREADABLE) throw new AccessDeniedException(path.toString(), null, "Permission denied");
    if (f == Fault.NO_FILE_DESCRIPTORS) throw new FileSystemException(path.toString(), null, "Too many open files");
  }
}
