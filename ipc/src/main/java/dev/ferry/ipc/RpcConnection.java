package dev.ferry.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the control socket: checks the peer, reads request lines, answers them in
 * order, and runs streaming calls on their own threads while it keeps reading so it notices
 * when the client hangs up.
 */
final class RpcConnection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(RpcConnection.class);

  private final SocketChannel channel;
  private final Map<String, RpcHandler> handlers;
  private final PeerCheck peerCheck;
  private final Consumer<RpcConnection> onEnd;
  private final Object writeLock = new Object();
  private final Set<StreamSession> streams = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  RpcConnection(SocketChannel channel, Map<String, RpcHandler> handlers, PeerCheck peerCheck, Consumer<RpcConnection> onEnd) {
    this.channel = channel;
    this.handlers = handlers;
    this.peerCheck = peerCheck;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    try {
      Optional<String> refusal = refusal();
      if (refusal.isPresent()) {
        log.warn("control socket: {}", refusal.get());
        send(RpcMessages.error(null, RpcErrors.PERMISSION_DENIED, refusal.get(), null));
        return;
      }
      serve();
    } catch (IOException e) {
      // The client reset the connection or the server is closing: nothing left to answer.
    } finally {
      close();
      onEnd.accept(this);
    }
  }

  private Optional<String> refusal() {
    UserPrincipal peer;
    try {
      peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("permission denied: cannot read the peer's credentials (" + e.getMessage() + ")");
    }
    return peerCheck.refusal(peer);
  }

  private void serve() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    LineFramer framer = new LineFramer(RpcMessages.MAX_REQUEST_LINE);
    List<byte[]> lines = new ArrayList<>();
    while (!closed) {
      if (channel.read(buffer) < 0) {
        byte[] last = framer.finish();
        if (last != null) handleLine(last);
        return;
      }
      buffer.flip();
      boolean withinLimit = framer.feed(buffer, lines);
      buffer.clear();
      for (byte[] line : lines) handleLine(line);
      lines.clear();
      if (!withinLimit) {
        // Closing is the only way to skip the rest of a line whose end may never come.
        send(RpcMessages.error(null, RpcErrors.INVALID_REQUEST, "request line over 1 MiB", null));
        return;
      }
    }
  }

  private void handleLine(byte[] line) throws IOException {
    if (isBlank(line)) return;
    RpcMessages.Parsed parsed = RpcMessages.parseRequest(line);
    if (parsed instanceof RpcMessages.Invalid invalid) {
      send(RpcMessages.error(invalid.id(), invalid.code(), invalid.message(), null));
      return;
    }
    RpcMessages.Request request = (RpcMessages.Request) parsed;
    RpcHandler handler = handlers.get(request.method());
    if (handler == null) {
      if (request.hasId()) send(RpcMessages.error(request.id(), RpcErrors.METHOD_NOT_FOUND, "method not found: " + request.method(), null));
      return;
    }
    if (request.paramsProblem() != null) {
      if (request.hasId()) {
        send(RpcMessages.error(request.id(), RpcErrors.INVALID_PARAMS,
            "invalid params for " + request.method() + ": " + request.paramsProblem(), null));
      }
      return;
    }
    RpcCall call = new RpcCall(request.method(), request.paramsJson());
    if (handler instanceof StreamingRpcHandler streaming) {
      startStream(streaming, call, request);
      return;
    }
    Runnable[] after = new Runnable[1];
    byte[] answer = answer(request, () -> {
      Object result = handler.handle(call);
      if (result instanceof AfterReply reply) {
        after[0] = reply.action();
        return reply.result();
      }
      return result;
    });
    try {
      if (request.hasId()) send(answer);
    } finally {
      if (after[0] != null) after[0].run();
    }
  }

  private void startStream(StreamingRpcHandler handler, RpcCall call, RpcMessages.Request request) {
    StreamSession session = new StreamSession();
    Thread thread = new Thread(() -> {
      try {
        byte[] answer = answer(request, () -> handler.handle(call, session));
        if (request.hasId() && session.isOpen()) {
          Thread.interrupted(); // a stale interrupt would close the channel mid-write
          send(answer);
        }
      } catch (IOException e) {
        session.hangUp();
      } finally {
        streams.remove(session);
      }
    }, "ferry-ipc-stream-" + call.method());
    thread.setDaemon(true);
    session.thread = thread;
    streams.add(session);
    if (closed) session.hangUp();
    thread.start();
  }

  private interface Invocation {
    Object run() throws RpcException;
  }

  /** The response line for one call: its result, its own error, or a generic internal error. */
  private static byte[] answer(RpcMessages.Request request, Invocation invocation) {
    try {
      return RpcMessages.result(request.id(), invocation.run());
    } catch (RpcException e) {
      return RpcMessages.error(request.id(), e.code(), e.getMessage(), e.data());
    } catch (RuntimeException | LinkageError | AssertionError e) {
      log.error("control method {} failed", request.method(), e);
      return RpcMessages.error(request.id(), RpcErrors.INTERNAL_ERROR,
          "internal error in " + request.method() + "; the daemon log has the details", null);
    }
  }

  void send(byte[] line) throws IOException {
    synchronized (writeLock) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) channel.write(buffer);
    }
  }

  /** Hangs up: ends every stream of this client and closes the socket. */
  void close() {
    closed = true;
    for (StreamSession s : streams) s.hangUp();
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') return false;
    }
    return true;
  }

  /** One running streaming call. */
  private final class StreamSession implements RpcStream {
    private final java.util.concurrent.CountDownLatch hungUp = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean open = true;
    volatile Thread thread;

    @Override
    public void notify(String method, Object params) throws IOException {
      if (!open) throw new IOException("the client hung up");
      byte[] line = RpcMessages.notification(method, params);
      try {
        send(line);
      } catch (IOException e) {
        hangUp();
        throw e;
      }
    }

    @Override
    public boolean isOpen() { return open; }

    @Override
    public void awaitClosed() throws InterruptedException { hungUp.await(); }

    void hangUp() {
      if (!open) return;
      open = false;
      hungUp.countDown();
      Thread t = thread;
      if (t != null && t != Thread.currentThread()) t.interrupt();
    }
  }
}
