package dev.ferry.ipc;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The control socket's place on disk: its private directory, its permissions, and telling a
 * stale file left by a killed daemon from a live daemon.
 */
final class SocketFile {
  /** sun_path is 108 bytes including the terminating NUL. */
  static final int MAX_PATH_BYTES = 107;

  static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");

  /** st_mode file type bits of a socket. */
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;

  private SocketFile() {}

  /** The uid this process runs as. */
  static long ownUid() {
    return new UnixSystem().getUid();
  }

  /** The principal for {@link #ownUid()}; equal to the principal SO_PEERCRED reports for our own processes. */
  static UserPrincipal ownUser() throws IOException {
    // A numeric name that is no user name resolves to that uid (the lookup falls back to parsing it).
    return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(Long.toString(ownUid()));
  }

  static void checkLength(Path socket) throws IOException {
    int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PATH_BYTES) {
      throw new IOException("control socket path " + socket + " is " + bytes + " bytes; Unix sockets allow at most "
          + MAX_PATH_BYTES + " (set FERRY_HOME or XDG_RUNTIME_DIR to a shorter directory)");
    }
  }

  /** Creates the socket's directory with mode 0700, or tightens it to 0700 if it exists and is ours. */
  static void prepareDirectory(Path dir, UserPrincipal owner) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
    }
    UserPrincipal actual = Files.getOwner(dir);
    if (!actual.equals(owner)) {
      throw new IOException("control socket directory " + dir + " belongs to " + actual.getName()
          + ", not to this user; refusing to serve a socket others could replace");
    }
    if (!Files.getPosixFilePermissions(dir).equals(DIRECTORY_MODE)) {
      Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
    }
  }

  /** The file's identity (device and inode, not following a link); throws if it does not exist. */
  static Object identity(Path socket) throws IOException {
    return Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
  }

  /**
   * Makes room for binding: an absent file is fine, a stale socket (connection refused) is
   * deleted, a live one means another daemon serves it.
   */
  static void clearStale(Path socket) throws IOException {
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) return;
    int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    if ((mode & S_IFMT) != S_IFSOCK) {
      throw new IOException(socket + " exists and is not a socket; move it away before starting the daemon");
    }
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
    } catch (ConnectException refused) {
      Files.deleteIfExists(socket);
      return;
    }
    throw new DaemonAlreadyRunningException("another daemon is serving " + socket);
  }
}
