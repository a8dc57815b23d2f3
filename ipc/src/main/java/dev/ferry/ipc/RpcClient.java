package dev.ferry.ipc;

import dev.ferry.protocol.Json;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The command line's side of the control socket. One connection, one call at a time; calls
 * wait as long as the daemon takes unless given a timeout. Deliberately small: it loads only
 * the JSON-RPC envelope, Moshi and the protocol records, never the daemon.
 */
public final class RpcClient implements Closeable {
  /** Responses (a log tail, a diff) may be large; this only guards against a runaway line. */
  private static final int MAX_RESPONSE_LINE = 64 << 20;

  private final Path socket;
  private final SocketChannel channel;
  private final Selector selector;
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
  private final LineFramer framer = new LineFramer(MAX_RESPONSE_LINE);
  private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
  private long nextId = 1;
  private boolean endOfStream;
  private volatile boolean closed;

  private RpcClient(Path socket, SocketChannel channel, Selector selector) {
    this.socket = socket;
    this.channel = channel;
    this.selector = selector;
  }

  /**
   * Connects to the daemon's socket. Throws {@link DaemonNotRunningException} when there is no
   * socket file or nothing accepts on it (a stale file).
   */
  public static RpcClient connect(Path socket) throws IOException {
    SocketFile.checkLength(socket);
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      throw new DaemonNotRunningException("the ferry daemon is not running (no control socket at " + socket + ")");
    }
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.configureBlocking(false);
      Selector selector = Selector.open();
      channel.register(selector, SelectionKey.OP_READ);
      return new RpcClient(socket, channel, selector);
    } catch (ConnectException e) {
      channel.close();
      throw new DaemonNotRunningException("the ferry daemon is not running (stale control socket " + socket + ": connection refused)", e);
    } catch (IOException e) {
      channel.close();
      if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        throw new DaemonNotRunningException("the ferry daemon is not running (no control socket at " + socket + ")", e);
      }
      throw new IOException("cannot connect to the control socket " + socket + ": " + e.getMessage(), e);
    }
  }

  /** Calls {@code method} and waits for its answer however long it takes. */
  public <T> T call(String method, Object params, Class<T> resultType) throws IOException, RpcException {
    return call(method, params, resultType, null);
  }

  /**
   * Calls {@code method} and decodes its result into {@code resultType} ({@code Void.class}
   * ignores it). Throws {@link RpcException} with the daemon's code, message and data for an
   * error answer, and {@link SocketTimeoutException} if {@code timeout} (null: none) passes
   * first; the connection stays usable after a timeout and ignores the late answer.
   */
  public synchronized <T> T call(String method, Object params, Class<T> resultType, Duration timeout)
      throws IOException, RpcException {
    long id = nextId++;
    sendRequest(id, method, params);
    long deadline = timeout == null ? 0 : System.nanoTime() + Math.max(1, timeout.toNanos());
    while (true) {
      byte[] line = nextLine(deadline);
      if (line == null) {
        if (Thread.currentThread().isInterrupted() && !closed) {
          throw new java.io.InterruptedIOException("interrupted while waiting for the answer to " + method);
        }
        if (timeout != null && !endOfStream && !closed) {
          throw new SocketTimeoutException("the daemon did not answer " + method + " within " + timeout);
        }
        throw new DaemonStoppedException("the daemon closed the connection before answering " + method);
      }
      RpcMessages.Incoming message = RpcMessages.parseIncoming(line);
      if (message.isNotification() || !isFor(message, id)) continue;
      if (message.error() != null) throw message.error();
      return decode(message.resultJson(), resultType, method);
    }
  }

  /**
   * Calls a streaming method and hands every notification to {@code onNotification} as the
   * whole message ({@code "method"} and {@code "params"}; numbers as Double). Returns when the
   * daemon ends the stream (its final answer or closing the connection), when the calling
   * thread is interrupted (the interrupt flag stays set), or when {@link #close()} is called.
   * Returning for any reason but the daemon's final answer closes this client, which is how
   * the daemon learns that the subscriber left.
   */
  public synchronized void stream(String method, Object params, Consumer<Map<String, Object>> onNotification)
      throws IOException, RpcException {
    long id = nextId++;
    sendRequest(id, method, params);
    try {
      while (true) {
        byte[] line = nextLine(0);
        if (line == null) return;
        RpcMessages.Incoming message = RpcMessages.parseIncoming(line);
        if (message.isNotification()) {
          onNotification.accept(RpcMessages.parseMap(line));
          continue;
        }
        if (!isFor(message, id)) continue;
        if (message.error() != null) throw message.error();
        return;
      }
    } finally {
      if (endOfStream || Thread.currentThread().isInterrupted()) close();
    }
  }

  /** Closes the connection; a {@link #stream} blocked in another thread returns. */
  @Override
  public void close() {
    closed = true;
    try {
      selector.close();
    } catch (IOException e) {
      // nothing to release
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to release
    }
  }

  private void sendRequest(long id, String method, Object params) throws IOException, RpcException {
    if (closed) throw new IOException("the connection to " + socket + " is closed");
    ByteBuffer out = ByteBuffer.wrap(RpcMessages.request(id, method, params));
    try {
      while (out.hasRemaining()) {
        if (channel.write(out) == 0) awaitWritable();
      }
    } catch (IOException e) {
      // The daemon may have refused us (permission denied) and hung up before we wrote: say why.
      RpcException refusal = pendingError();
      if (refusal != null) throw refusal;
      throw new DaemonStoppedException("the daemon closed the connection before " + method + " was sent (" + e.getMessage() + ")", e);
    }
  }

  private void awaitWritable() throws IOException {
    try (Selector writable = Selector.open()) {
      channel.register(writable, SelectionKey.OP_WRITE);
      writable.select();
    }
  }

  /** An error line the daemon already sent (with no id: it answers no request of ours), if any. */
  private RpcException pendingError() {
    try {
      fill(System.nanoTime() + 1);
      while (!lines.isEmpty()) {
        RpcMessages.Incoming message = RpcMessages.parseIncoming(lines.poll());
        if (message.error() != null && message.id() == null) return message.error();
      }
    } catch (IOException | ClosedSelectorException e) {
      // nothing readable either
    }
    return null;
  }

  private static boolean isFor(RpcMessages.Incoming message, long id) {
    // An error with a null id answers a request the daemon could not read, or refuses the connection.
    if (message.id() == null) return message.error() != null;
    return message.id() instanceof Long l && l == id;
  }

  /** The next line, or null at end of stream, at the deadline (0: none), on interrupt or close. */
  private byte[] nextLine(long deadline) throws IOException {
    if (closed) return null; // after close() nothing more is handed out, even lines already read
    while (lines.isEmpty()) {
      if (endOfStream || closed || Thread.currentThread().isInterrupted()) return null;
      if (!fill(deadline)) return null;
    }
    return lines.poll();
  }

  /** Reads what is available, waiting for it until the deadline; false if the deadline passed. */
  private boolean fill(long deadline) throws IOException {
    try {
      int n = channel.read(in);
      if (n == 0) {
        if (deadline == 0) {
          selector.select();
        } else {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) return false;
          selector.select(Math.max(1, remaining / 1_000_000));
        }
        selector.selectedKeys().clear();
        return true;
      }
      if (n < 0) {
        endOfStream = true;
        byte[] last = framer.finish();
        if (last != null) lines.add(last);
        return true;
      }
    } catch (ClosedSelectorException | java.nio.channels.ClosedChannelException e) {
      if (closed) return true; // nextLine sees the flag
      throw e instanceof IOException io ? io : new IOException("the connection is closed", e);
    } catch (SocketException e) {
      // Reset after the daemon's last words (for example a refusal): those are already framed.
      endOfStream = true;
      return true;
    }
    in.flip();
    List<byte[]> complete = new ArrayList<>();
    boolean withinLimit = framer.feed(in, complete);
    in.clear();
    lines.addAll(complete);
    if (!withinLimit) throw new IOException("the daemon sent a line over " + (MAX_RESPONSE_LINE >> 20) + " MiB");
    return true;
  }

  private static <T> T decode(String json, Class<T> type, String method) throws IOException {
    if (type == Void.class || type == void.class) return null;
    try {
      return Json.adapter(type).fromJson(json);
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the daemon's answer to " + method + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
