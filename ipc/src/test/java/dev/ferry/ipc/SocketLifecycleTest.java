package dev.ferry.ipc;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where the socket lives, who may connect, and what a second daemon or a dead one leaves behind. */
@Timeout(60)
class SocketLifecycleTest {
  TempSocketDir dir;
  final AtomicInteger calls = new AtomicInteger();
  final Map<String, RpcHandler> handlers = Map.of("ping", call -> {
    calls.incrementAndGet();
    return "pong";
  });

  @BeforeEach
  void setUp() throws IOException {
    dir = new TempSocketDir();
  }

  @AfterEach
  void tearDown() throws IOException {
    dir.close();
  }

  @Test
  void socketIs0600InsideA0700Directory() throws Exception {
    try (RpcServer server = new RpcServer(dir.socket(), handlers)) {
      server.start();
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.socket())));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.socket().getParent())));
    }
    assertFalse(Files.exists(dir.socket()), "close() removes the socket file");
  }

  @Test
  void anExistingOwnDirectoryIsTightenedTo0700() throws Exception {
    Path run = Files.createDirectory(dir.socket().getParent());
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (RpcServer server = new RpcServer(dir.socket(), handlers)) {
      server.start();
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
    }
  }

  @Test
  void aStaleSocketFileIsReplaced() throws Exception {
    Files.createDirectories(dir.socket().getParent());
    // A daemon killed with SIGKILL leaves its bound socket file behind; nothing listens on it.
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(dir.socket()));
    dead.close();
    assertTrue(Files.exists(dir.socket()));
    DaemonNotRunningException stale = assertThrows(DaemonNotRunningException.class, () -> RpcClient.connect(dir.socket()));
    assertTrue(stale.getMessage().contains("stale"), stale.getMessage());

    try (RpcServer server = new RpcServer(dir.socket(), handlers); RpcClient client = startAndConnect(server)) {
      assertEquals("pong", client.call("ping", null, String.class));
    }
  }

  /**
   * A socket file deleted while the server runs left it serving a file nobody could reach:
   * {@link RpcServer#ensureServing} binds the path again, and a client already connected keeps
   * its connection.
   */
  @Test
  void aDeletedSocketIsServedAgain() throws Exception {
    try (RpcServer server = new RpcServer(dir.socket(), handlers); RpcClient before = startAndConnect(server)) {
      assertEquals("pong", before.call("ping", null, String.class)); // accepted, not waiting in the backlog
      assertFalse(server.ensureServing("test"), "nothing to do while the file is the server's");
      Files.delete(dir.socket());
      assertThrows(DaemonNotRunningException.class, () -> RpcClient.connect(dir.socket()));

      assertTrue(server.ensureServing("test"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.socket())));
      try (RpcClient after = RpcClient.connect(dir.socket())) {
        assertEquals("pong", after.call("ping", null, String.class));
      }
      assertEquals("pong", before.call("ping", null, String.class));
      assertFalse(server.ensureServing("test"));
    }
    assertFalse(Files.exists(dir.socket()), "close() removes the socket file it bound again");
  }

  /** The whole directory gone (a runtime directory cleaned up) is made again, 0700. */
  @Test
  void aDeletedSocketDirectoryIsMadeAgain() throws Exception {
    try (RpcServer server = new RpcServer(dir.socket(), handlers)) {
      server.start();
      Files.delete(dir.socket());
      Files.delete(dir.socket().getParent());
      assertTrue(server.ensureServing("test"));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.socket().getParent())));
      try (RpcClient after = RpcClient.connect(dir.socket())) {
        assertEquals("pong", after.call("ping", null, String.class));
      }
    }
  }

  /** A stale socket put in the file's place is replaced; a file that is not a socket is left alone, even by close(). */
  @Test
  void whatTookTheSocketsPlaceIsReplacedOnlyWhenItIsAStaleSocket() throws Exception {
    try (RpcServer server = new RpcServer(dir.socket(), handlers)) {
      server.start();
      Files.delete(dir.socket());
      ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      dead.bind(UnixDomainSocketAddress.of(dir.socket()));
      dead.close();
      assertTrue(server.ensureServing("test"));
      try (RpcClient after = RpcClient.connect(dir.socket())) {
        assertEquals("pong", after.call("ping", null, String.class));
      }

      Files.delete(dir.socket());
      Files.writeString(dir.socket(), "user data");
      assertFalse(server.ensureServing("test"));
      assertFalse(server.ensureServing("test"));
      assertEquals("user data", Files.readString(dir.socket()));
    }
    assertEquals("user data", Files.readString(dir.socket()), "close() deletes only the socket it bound");
  }

  @Test
  void aLiveDaemonIsNotDisplaced() throws Exception {
    try (RpcServer first = new RpcServer(dir.socket(), handlers); RpcClient client = startAndConnect(first)) {
      RpcServer second = new RpcServer(dir.socket(), handlers);
      DaemonAlreadyRunningException e = assertThrows(DaemonAlreadyRunningException.class, second::start);
      assertEquals("another daemon is serving " + dir.socket(), e.getMessage());
      second.close();
      assertTrue(Files.exists(dir.socket()), "the failed second server left the first one's socket alone");
      assertEquals("pong", client.call("ping", null, String.class));
      try (RpcClient fresh = RpcClient.connect(dir.socket())) {
        assertEquals("pong", fresh.call("ping", null, String.class));
      }
    }
  }

  @Test
  void aFileThatIsNotASocketIsNeverDeleted() throws Exception {
    Files.createDirectories(dir.socket().getParent());
    Files.writeString(dir.socket(), "user data");
    RpcServer server = new RpcServer(dir.socket(), handlers);
    IOException e = assertThrows(IOException.class, server::start);
    assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
    assertEquals("user data", Files.readString(dir.socket()));
  }

  @Test
  void noSocketMeansDaemonNotRunning() {
    DaemonNotRunningException e = assertThrows(DaemonNotRunningException.class, () -> RpcClient.connect(dir.socket()));
    assertTrue(e.getMessage().contains(dir.socket().toString()), e.getMessage());
  }

  @Test
  void aSocketPathTooLongForUnixIsNamed() {
    Path longPath = dir.root.resolve("d".repeat(120)).resolve("control.sock");
    IOException e = assertThrows(IOException.class, () -> new RpcServer(longPath, handlers).start());
    assertTrue(e.getMessage().contains("at most 107"), e.getMessage());
  }

  /**
   * Root can connect to anything, so proving the uid check needs a real other user: the socket
   * is opened to the world for this test only, and {@code nobody} is refused by the check itself.
   */
  @Test
  void aPeerWithAnotherUidIsRefused() throws Exception {
    assumeTrue(SocketFile.ownUid() == 0, "needs root to run a client as nobody");
    Path setpriv = Path.of("/usr/bin/setpriv");
    Path python = List.of(Path.of("/usr/bin/python3"), Path.of("/usr/local/bin/python3")).stream()
        .filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(Files.isExecutable(setpriv), "setpriv is not installed");
    assumeTrue(python != null, "python3 is not installed outside root's home");
    try (RpcServer server = new RpcServer(dir.socket(), handlers)) {
      server.start();
      Files.setPosixFilePermissions(dir.root, PosixFilePermissions.fromString("rwx--x--x"));
      Files.setPosixFilePermissions(dir.socket().getParent(), PosixFilePermissions.fromString("rwx--x--x"));
      Files.setPosixFilePermissions(dir.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
      String client = String.join("\n",
          "import socket, sys",
          "s = socket.socket(socket.AF_UNIX)",
          "s.settimeout(10)",
          "s.connect(sys.argv[1])",
          "try:",
          "    s.sendall(b'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\\n')",
          "except OSError:",
          "    pass",
          "data = b''",
          "while True:",
          "    try:",
          "        chunk = s.recv(65536)",
          "    except (ConnectionResetError, socket.timeout):",
          "        break",
          "    if not chunk:",
          "        break",
          "    data += chunk",
          "sys.stdout.write(data.decode())");
      Process p = new ProcessBuilder(setpriv.toString(), "--reuid=nobody", "--regid=nogroup", "--clear-groups",
          python.toString(), "-c", client, dir.socket().toString()).redirectErrorStream(true).start();
      boolean finished = p.waitFor(30, TimeUnit.SECONDS);
      if (!finished) p.destroyForcibly();
      assertTrue(finished, "the client as nobody finished");
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), output);
      RpcServerTest.assertError(output.strip(), "null", RpcErrors.PERMISSION_DENIED,
          "permission denied: peer uid 65534 is not the daemon's uid 0");
      assertEquals(1, output.strip().lines().count(), "exactly one error line, then the connection closed: " + output);
      assertEquals(0, calls.get(), "the refused peer's request never reached a handler");
      try (RpcClient own = RpcClient.connect(dir.socket())) {
        assertEquals("pong", own.call("ping", null, String.class), "the daemon's own user is still served");
      }
    }
  }

  private static RpcClient startAndConnect(RpcServer server) throws IOException {
    server.start();
    return RpcClient.connect(server.socketPath());
  }

  @Test
  void aClientWhoseDaemonStopsIsToldTheDaemonIsGoneNotABrokenPipe() throws Exception {
    java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(1);
    Map<String, RpcHandler> slow = Map.of("ping", call -> "pong", "wait", call -> {
      inCall.countDown();
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
      return "late";
    });
    RpcServer server = new RpcServer(dir.socket(), slow);
    RpcClient waiting = startAndConnect(server);
    RpcClient idle = RpcClient.connect(dir.socket());
    assertEquals("pong", idle.call("ping", null, String.class));
    java.util.concurrent.CompletableFuture<Throwable> inFlight = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        waiting.call("wait", null, String.class);
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    assertTrue(inCall.await(10, TimeUnit.SECONDS));
    server.close();
    Throwable e = inFlight.get(10, TimeUnit.SECONDS);
    assertInstanceOf(DaemonStoppedException.class, e, String.valueOf(e));
    assertTrue(e.getMessage().contains("before answering wait"), e.getMessage());
    // The next request of a client that was idle meanwhile: the same answer, never "Broken pipe".
    DaemonNotRunningException next = assertThrows(DaemonNotRunningException.class, () -> {
      for (int i = 0; i < 3; i++) idle.call("ping", null, String.class);
    });
    assertInstanceOf(DaemonStoppedException.class, next, next.toString());
    waiting.close();
    idle.close();
  }
}
