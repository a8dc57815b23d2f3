package dev.ferry.ipc;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
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
    SocketFile.prepareDirectory(socketPath.getParent(), self);
    SocketFile.clearStale(socketPath);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socketPath));
      // The 0700 directory already keeps others out between bind and this chmod.
      Files.setPosixFilePermissions(socketPath, SocketFile.SOCKET_MODE);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    peerCheck = new PeerCheck(self, SocketFile.ownUid());
    channel = server;
    acceptThread = new Thread(this::acceptLoop, "ferry-ipc-accept");
    acceptThread.setDaemon(true);
    acceptThread.start();
    log.info("control socket listening on {}", socketPath);
  }

  private void acceptLoop() {
    ServerSocketChannel server = channel;
    while (!closing) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closing) return;
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
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      log.warn("could not delete the control socket {}: {}", socketPath, e.toString());
    }
  }
}
