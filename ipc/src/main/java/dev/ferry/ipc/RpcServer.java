package dev.ferry.ipc;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket: JSON-RPC 2.0, one request per line, over a Unix socket that only
 * the daemon's own user may use (directory 0700, socket 0600, and SO_PEERCRED checked on every
 * connection). One thread accepts; each client gets its own daemon thread; a streaming call
 * gets one more for as long as it runs.
 */
public final class RpcServer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(RpcServer.class);

  private final Path socketPath;
  private final Map<String, RpcHandler> handlers;
  private final Set<RpcConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong connectionIds = new AtomicLong();
  private volatile ServerSocketChannel channel;
  private volatile boolean closing;
  private Thread acceptThread;
  private PeerCheck peerCheck;
  /** The socket file's identity (device and inode) once bound: tells our file from one put in its place. */
  private Object boundFile;
  /** The last reason {@link #ensureServing} could not serve again, logged once until it changes. */
  private String cannotServe;

  /** {@code handlers} maps method names ({@link dev.ferry.ipc.methods.Methods}) to handlers. */
  public RpcServer(Path socketPath, Map<String, ? extends RpcHandler> handlers) {
    this.socketPath = socketPath.toAbsolutePath();
    this.handlers = Map.copyOf(handlers);
  }

  public Path socketPath() { return socketPath; }

  /**
   * Prepares the directory (0700), replaces a stale socket file, binds, restricts the socket to
   * 0600 and starts accepting. Throws {@link DaemonAlreadyRunningException} if a live daemon
   * answers on the socket.
   */
  public synchronized void start() throws IOException {
    if (channel != null || closing) throw new IllegalStateException("server already started or closed");
    SocketFile.checkLength(socketPath);
    UserPrincipal self = SocketFile.ownUser();
    peerCheck = new PeerCheck(self, SocketFile.ownUid());
    bind(self);
    log.info("control socket listening on {}", socketPath);
  }

  /** Prepares the directory, clears a stale file, binds, chmods and starts accepting. */
  private void bind(UserPrincipal self) throws IOException {
    SocketFile.prepareDirectory(socketPath.getParent(), self);
    SocketFile.clearStale(socketPath);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socketPath));
      // The 0700 directory already keeps others out between bind and this chmod.
      Files.setPosixFilePermissions(socketPath, SocketFile.SOCKET_MODE);
      boundFile = SocketFile.identity(socketPath);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    channel = server;
    acceptThread = new Thread(() -> acceptLoop(server), "ferry-ipc-accept");
    acceptThread.setDaemon(true);
    acceptThread.start();
  }

  /**
   * Serves the socket again if its file is gone (deleted while the daemon ran: clients would
   * find no daemon while this one goes on holding the home) or is no longer the one this server
   * bound (a stale socket put in its place). A file that is not a socket, or a socket another
   * process serves, is left alone and logged once. Cheap when all is well: one {@code lstat}.
   * Returns whether it bound the socket again; {@code why} says in the log what noticed it.
   */
  public synchronized boolean ensureServing(String why) {
    if (closing || channel == null) return false;
    Object now;
    try {
      now = SocketFile.identity(socketPath);
    } catch (IOException e) {
      now = null;
    }
    if (now != null && now.equals(boundFile)) {
      cannotServe = null;
      return false;
    }
    ServerSocketChannel old = channel;
    try {
      bind(SocketFile.ownUser()); // replaces a stale socket; refuses a file that is not one, and a live one
    } catch (IOException | RuntimeException e) {
      String problem = String.valueOf(e.getMessage());
      if (!problem.equals(cannotServe)) {
        log.warn("control socket {} is {} and cannot be served again ({}): {}", socketPath,
            now == null ? "gone" : "no longer this daemon's", why, problem);
      }
      cannotServe = problem;
      return false;
    }
    try {
      old.close(); // bound to a file no client can reach any more; its accept loop ends
    } catch (IOException e) {
      log.debug("closing the unreachable control socket: {}", e.toString());
    }
    cannotServe = null;
    log.warn("control socket {} was {}; listening on it again ({})", socketPath,
        now == null ? "deleted" : "replaced", why);
    return true;
  }

  private void acceptLoop(ServerSocketChannel server) {
    while (!closing && channel == server) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closing || channel != server) return;
        // EMFILE and friends: the loop must survive; a client retries.
        log.warn("control socket accept failed: {}", e.toString());
        continue;
      }
      RpcConnection connection = new RpcConnection(client, handlers, peerCheck, connections::remove);
      connections.add(connection);
      if (closing) {
        connection.close();
        return;
      }
      Thread t = new Thread(connection, "ferry-ipc-client-" + connectionIds.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  /** The number of clients currently connected. */
  public int connectionCount() { return connections.size(); }

  /** Stops accepting, hangs up on every client (ending their streams) and deletes the socket file. */
  @Override
  public void close() {
    Thread accept;
    synchronized (this) {
      if (closing) return;
      closing = true;
      accept = acceptThread;
    }
    ServerSocketChannel server = channel;
    if (server == null) return;
    try {
      server.close();
    } catch (IOException e) {
      log.warn("closing the control socket failed: {}", e.toString());
    }
    if (accept != null) {
      try {
        accept.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (RpcConnection c : connections) c.close();
    try {
      // Only our own file: one put in its place since (by a user, another program) is not ours to delete.
      Object now = Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS) ? SocketFile.identity(socketPath) : null;
      if (now != null && now.equals(boundFile)) Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      log.warn("could not delete the control socket {}: {}", socketPath, e.toString());
    }
  }
}
