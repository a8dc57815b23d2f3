package dev.ferry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One hub serves a SQLite data directory at a time: it holds an OS lock on {@code hub.lock}
 * there (released by the kernel when the process dies, so a killed hub leaves nothing stale), with
 * its pid written inside. A second {@code ferry server} on the directory refuses to start, and
 * {@code ferry server migrate} refuses to copy a database that a hub is still writing.
 */
public final class DataDirLock implements AutoCloseable {
  static final String FILE = "hub.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** A hub holds the directory; the message names it and the pid. */
  public static final class HeldException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final String pid;

    HeldException(Path dataDir, String pid) {
      super("another hub is serving " + dataDir + (pid.isEmpty() ? "" : " (pid " + pid + ")")
          + "; one hub per data directory (several hubs share a PostgreSQL database: --db)");
      this.pid = pid;
    }

    /** The holder's pid as it wrote it; "" when it wrote none. */
    public String pid() { return pid; }
  }

  /** Takes the lock of {@code dataDir}, or throws {@link HeldException} naming the hub that has it. */
  public static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        l = null;
      }
      if (l == null) {
        String pid = readPid(ch);
        ch.close();
        throw new HeldException(dataDir, pid);
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(false);
      return new DataDirLock(ch, l);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /** The pid of the hub serving {@code dataDir}, if one does ("?" when it wrote none); empty when none does. */
  public static Optional<String> holder(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) return Optional.empty();
    try (DataDirLock free = acquire(dataDir)) {
      return Optional.empty();
    } catch (HeldException held) {
      return Optional.of(held.pid().isEmpty() ? "?" : held.pid());
    }
  }

  private static String readPid(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    ch.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the process is letting go of it: the kernel releases the lock with the descriptor anyway
    }
  }
}
