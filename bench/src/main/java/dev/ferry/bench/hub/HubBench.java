package dev.ferry.bench.hub;

import dev.ferry.protocol.BatchRequest;
import dev.ferry.protocol.BatchWrite;
import dev.ferry.protocol.EntryWrite;
import dev.ferry.protocol.Json;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHttp;
import dev.ferry.server.testing.TestHub;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hub benchmark: small-entry writes per second over HTTP (single PUTs and 100-entry batches,
 * 200-byte inline ciphertext, several client threads), and how many idle event-stream
 * subscribers the hub holds per GiB of heap. Run with a bounded heap, e.g. {@code -Xmx1g}.
 *
 * <p>Arguments: {@code [seconds per write phase, default 10] [client threads, default 4]
 * [subscribers, default 5000]}.
 */
public final class HubBench {
  private static final SecureRandom RANDOM = new SecureRandom();

  private HubBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int subscribers = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
    System.out.printf("hub bench: %d s per write phase, %d client threads, %d subscribers, max heap %d MiB, %d cores%n",
        seconds, threads, subscribers, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    try (TestHub hub = TestHub.start()) {
      TestHub.Login login = hub.createAccount("bench");
      double single = writes(hub, login, threads, Duration.ofSeconds(seconds), false);
      System.out.printf("single PUT writes (200 B inline):  %,.0f writes/s%n", single);
      double batched = writes(hub, login, threads, Duration.ofSeconds(seconds), true);
      System.out.printf("batched writes (100 per batch):    %,.0f writes/s%n", batched);
      subscribers(hub, login, subscribers);
    }
  }

  private static String inline200() {
    byte[] b = new byte[200];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  private static double writes(TestHub hub, TestHub.Login login, int threads, Duration length, boolean batch) throws Exception {
    return writes(List.of(hub.url()), login, threads, length, batch);
  }

  /** Writes for {@code length} from {@code threads} clients, spread round-robin over the hub {@code urls}; writes/s. */
  static double writes(List<URI> urls, TestHub.Login login, int threads, Duration length, boolean batch) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    String meta = Base64.getEncoder().encodeToString(new byte[64]);
    long start = System.nanoTime();
    long end = start + length.toNanos();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      URI url = urls.get(t % urls.size());
      fs.add(pool.submit(() -> {
        TestHttp http = new TestHttp(url);
        while (System.nanoTime() < end) {
          if (batch) {
            List<BatchWrite> ws = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
              ws.add(new BatchWrite(TestData.entryId(), 0, null, new EntryWrite(false, 200, List.of(), inline200(), meta)));
            }
            var r = http.post("/v1/folders/bench-batch/batch").token(login.token())
                .json(Json.write(BatchRequest.class, new BatchRequest(ws))).send();
            if (r.status() == 200) done.addAndGet(100); else failed.incrementAndGet();
          } else {
            String body = Json.write(EntryWrite.class, new EntryWrite(false, 200, List.of(), inline200(), meta));
            var r = http.put("/v1/folders/bench/entries/" + TestData.entryId()).token(login.token())
                .header("If-None-Match", "*").json(body).send();
            if (r.status() == 200) done.incrementAndGet(); else failed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : fs) f.get();
    pool.shutdown();
    double secs = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) System.out.printf("  (%d requests failed)%n", failed.get());
    return done.get() / secs;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200); // let the collector and finalizers settle before reading the figure
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long directBytes() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
  }

  private static int subscriberGauge(TestHub hub) {
    String m = hub.http().get("/metrics").send().body();
    return m.lines().filter(l -> l.startsWith("ferry_sse_subscribers ")).mapToInt(l -> Integer.parseInt(l.split(" ")[1]))
        .findFirst().orElse(-1);
  }

  private static void subscribers(TestHub hub, TestHub.Login login, int n) throws Exception {
    long baseHeap = usedHeapAfterGc();
    long baseDirect = directBytes();
    URI url = hub.url();
    byte[] request = ("GET /v1/folders/bench-events/events HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
        + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + login.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    Selector selector = Selector.open();
    List<SocketChannel> channels = new ArrayList<>(n);
    AtomicInteger heard = new AtomicInteger();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      SocketChannel ch = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
      ch.write(ByteBuffer.wrap(request));
      ch.configureBlocking(false);
      channels.add(ch);
    }
    System.out.printf("  %d connections made and requests sent in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    Thread loop = new Thread(() -> readLoop(selector, channels, heard), "bench-sse-clients");
    loop.setDaemon(true);
    loop.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (subscriberGauge(hub) < n && System.nanoTime() < deadline) Thread.sleep(100);
    int held = subscriberGauge(hub);
    System.out.printf("event streams opened: %d of %d in %.1f s%n", held, n, (System.nanoTime() - t0) / 1e9);
    long heap = usedHeapAfterGc();
    long direct = directBytes();
    long perSub = Math.max(1, (heap - baseHeap) / Math.max(1, held));
    System.out.printf("heap used after GC: %,d MiB before, %,d MiB with %d streams (hub and lean clients in one JVM)%n",
        baseHeap >> 20, heap >> 20, held);
    System.out.printf("heap per stream: %,d bytes -> about %,d streams per GiB of heap; direct buffers +%,d KiB%n",
        perSub, (1L << 30) / perSub, (direct - baseDirect) >> 10);
    long w0 = System.nanoTime();
    var r = hub.http().put("/v1/folders/bench-events/entries/" + TestData.entryId()).token(login.token())
        .header("If-None-Match", "*").json(TestData.inline("fan-out")).send();
    if (r.status() != 200) throw new IllegalStateException("write failed: " + r.body());
    while (heard.get() < held && System.nanoTime() < deadline) Thread.sleep(5);
    System.out.printf("one change reached %d of %d streams in %.0f ms%n", heard.get(), held, (System.nanoTime() - w0) / 1e6);
    for (SocketChannel ch : channels) ch.close();
    selector.close();
  }

  /** One thread reads every stream and counts those that saw a change event. */
  private static void readLoop(Selector selector, List<SocketChannel> channels, AtomicInteger heard) {
    ByteBuffer buf = ByteBuffer.allocateDirect(16 * 1024);
    byte[] needle = "event: change".getBytes(StandardCharsets.US_ASCII);
    try {
      for (SocketChannel ch : channels) ch.register(selector, SelectionKey.OP_READ, new boolean[1]);
      while (selector.isOpen()) {
        selector.select(500);
        if (!selector.isOpen()) return;
        for (SelectionKey k : selector.selectedKeys()) {
          buf.clear();
          int read = ((SocketChannel) k.channel()).read(buf);
          if (read < 0) {
            k.cancel();
            continue;
          }
          boolean[] seen = (boolean[]) k.attachment();
          if (!seen[0] && contains(buf, read, needle)) {
            seen[0] = true;
            heard.incrementAndGet();
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | java.nio.channels.ClosedSelectorException e) {
      // the benchmark closed the channels
    }
  }

  private static boolean contains(ByteBuffer buf, int len, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= len; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buf.get(i + j) != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
