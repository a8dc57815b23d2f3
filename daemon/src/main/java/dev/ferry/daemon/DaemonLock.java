package dev.ferry.daemon;

import dev.ferry.config.FerryLocations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One daemon per home: an exclusive lock on {@code daemon.lock} beside state.db, holding the pid
 * of the daemon that has it. Taken before the daemon's graph is built, because building it
 * already sets up the folders (their outboxes plan a retry at once), logs, and on failure would
 * close a daemon that never ran: a refused start must do nothing but say so.
 */
public final class DaemonLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DaemonLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the home's lock, or throws {@link AlreadyRunningException} naming the pid that holds it. */
  public static DaemonLock acquire(FerryLocations locations) throws IOException {
    Path lockFile = locations.stateDb().resolveSibling("daemon.lock");
    Files.createDirectories(lockFile.getParent());
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException thisProcess) {
        lock = null; // held by another daemon in this JVM (tests, quickstart): just as taken
      }
      if (lock == null) {
        String pid = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
        throw new AlreadyRunningException("another ferry daemon" + (pid.isEmpty() ? "" : " (pid " + pid + ")")
            + " is running on this home (" + lockFile.getParent() + "); stop it first");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new DaemonLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** A second daemon on the same home. */
  public static final class AlreadyRunningException extends IOException {
    private static final long serialVersionUID = 1L;

    public AlreadyRunningException(String message) {
      super(message);
    }
  }
}
