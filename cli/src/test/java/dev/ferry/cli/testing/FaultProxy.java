package dev.ferry.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy between daemons and a hub that misbehaves on purpose, below HTTP: while
 * {@link Mode#DOWN} every connection is reset at once (the hub is gone); while {@link Mode#FLAP}
 * each new connection draws a fault: none, a delay before each piece of the answer, the answer
 * cut after a few bytes (mid-header or mid-body), or a reset before any answer (the request may
 * or may not have reached the hub: exactly the lost-answer case idempotency keys are for).
 * The draws come from a seeded random, so a failing run can be replayed.
 */
public final class FaultProxy implements AutoCloseable {
  /** How new connections are treated. */
  public enum Mode { PASS, DOWN, FLAP }

  private final ServerSocket server;
  private final Random random;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong faults = new AtomicLong();
  private volatile InetSocketAddress target;
  private volatile Mode mode = Mode.PASS;
  private volatile double faultRate = 0.3;

  public FaultProxy(URI target, long seed) throws IOException {
    this.random = new Random(seed);
    target(target);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "fault-proxy");
    t.setDaemon(true);
    t.start();
  }

  public URI url() { return URI.create("http://127.0.0.1:" + server.getLocalPort()); }

  /** Where connections go from now on (a restarted hub listens on a new port). */
  public void target(URI hub) { this.target = new InetSocketAddress(hub.getHost(), hub.getPort()); }

  /** Sets the mode; {@link Mode#DOWN} also cuts every connection open now. */
  public void mode(Mode m) {
    this.mode = m;
    if (m == Mode.DOWN) List.copyOf(open).forEach(this::reset);
  }

  /** While flapping: the share of new connections that get a fault. */
  public void faultRate(double rate) { this.faultRate = rate; }

  /** How many faults were injected so far (a flapping test that injected none proved nothing). */
  public long faults() { return faults.get(); }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private enum Fault { NONE, DELAY, CUT, RESET }

  private Fault draw() {
    synchronized (random) {
      if (mode != Mode.FLAP || random.nextDouble() >= faultRate) return Fault.NONE;
      return Fault.values()[1 + random.nextInt(3)];
    }
  }

  private int drawInt(int bound) {
    synchronized (random) {
      return random.nextInt(bound);
    }
  }

  private void serve(Socket client) {
    open.add(client);
    if (mode == Mode.DOWN) {
      faults.incrementAndGet();
      reset(client);
      return;
    }
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 2000);
    } catch (IOException e) {
      reset(client);
      closeQuietly(upstream);
      return;
    }
    open.add(upstream);
    upstreams.add(upstream);
    Fault fault = draw();
    if (fault != Fault.NONE) faults.incrementAndGet();
    long cutAfter = fault == Fault.CUT ? drawInt(600) : Long.MAX_VALUE;
    int delayMs = fault == Fault.DELAY ? 20 + drawInt(200) : 0;
    Thread up = new Thread(() -> {
      // Client to hub. A RESET fault lets the request through, then kills the connection before any answer.
      pump(client, upstream, Long.MAX_VALUE, 0);
    }, "fault-proxy-up");
    up.setDaemon(true);
    up.start();
    if (fault == Fault.RESET) {
      try {
        Thread.sleep(50 + drawInt(150)); // the request is on its way or arrived; the answer never comes back
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reset(client);
      closeQuietly(upstream);
      return;
    }
    pump(upstream, client, cutAfter, delayMs);
    if (cutAfter != Long.MAX_VALUE) reset(client);
    closeQuietly(upstream);
    closeQuietly(client);
  }

  private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();

  private boolean answers(Socket from) { return upstreams.contains(from); }

  private boolean midStreamFault() {
    synchronized (random) {
      if (mode != Mode.FLAP || random.nextDouble() >= faultRate / 3) return false;
    }
    faults.incrementAndGet();
    return true;
  }

  /** Copies from {@code from} to {@code to} until EOF, or until {@code limit} bytes went through. */
  private void pump(Socket from, Socket to, long limit, int delayMs) {
    byte[] buf = new byte[16 * 1024];
    long sent = 0;
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while (sent < limit && (n = in.read(buf)) >= 0) {
        if (delayMs > 0) Thread.sleep(delayMs);
        if (limit == Long.MAX_VALUE && from != to && answers(from) && midStreamFault()) {
          // A kept-alive connection fails too: part of this answer goes through, then the connection dies.
          out.write(buf, 0, n / 2);
          out.flush();
          reset(to);
          closeQuietly(from);
          return;
        }
        int k = (int) Math.min(n, limit - sent);
        out.write(buf, 0, k);
        out.flush();
        sent += k;
      }
      if (limit == Long.MAX_VALUE) to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reset(Socket s) {
    try {
      s.setSoLinger(true, 0); // RST instead of FIN
    } catch (IOException ignored) {
      // closing anyway
    }
    closeQuietly(s);
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    upstreams.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    List.copyOf(open).forEach(this::closeQuietly);
  }
}
