package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.cli.testing.FaultProxy;
import dev.ferry.cli.testing.GarblingProxy;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.local.FileSystemFaults;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubHttpClients;
import dev.ferry.server.testing.TestHub;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The offline queue, retries and the failed queue end to end: a real hub behind a proxy that
 * misbehaves on purpose, two real daemons, the real command line.
 */
class QueueEndToEndTest {
  TestHub hub;
  TestDevice a;
  TestDevice b;
  Path base;
  AutoCloseable proxy;

  @BeforeEach
  void start() throws Exception {
    base = Files.createTempDirectory(Path.of("/tmp"), "ferry-q");
    hub = TestHub.start();
  }

  @AfterEach
  void stop() throws Exception {
    FileSystemFaults.disarmAll();
    if (a != null) a.close();
    if (b != null) b.close();
    if (proxy != null) proxy.close();
    if (hub != null) hub.close();
    Trees.deleteRecursively(base);
  }

  /** Two devices of one account talking to {@code server}, with short retry timings, daemons running. */
  void devices(URI server) throws Exception {
    devices(server, "");
  }

  /** Like {@link #devices(URI)}, with {@code config} added to both devices' config.toml. */
  void devices(URI server, String config) throws Exception {
    // Only the test's own syncs and the daemon's retries move data: each step checks what one run did.
    a = TestDevice.create(base, "a").manualOnly();
    b = TestDevice.create(base, "b").manualOnly();
    a.init(server.toString(), "alice", hub.invite());
    b.login(server.toString(), "alice");
    for (TestDevice d : new TestDevice[] {a, b}) {
      d.addFolder("docs");
      quickRetries(d);
      Files.writeString(d.locations().configFile(), config, java.nio.file.StandardOpenOption.APPEND);
      d.startDaemon();
    }
  }

  static void quickRetries(TestDevice d) throws Exception {
    Files.writeString(d.locations().configFile(), Files.readString(d.locations().configFile())
        + "\n[retry]\nmax_attempts = 3\nbackoff = \"200ms\"\nmultiplier = 2.0\nmax_backoff = \"1s\"\n"
        + "[offline]\nprobe_interval = \"1s\"\n", java.nio.charset.StandardCharsets.UTF_8);
  }

  static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("not within " + limit + ": " + what);
      Thread.sleep(100);
    }
  }

  static boolean queueEmpty(TestDevice d) {
    String out = d.ferry("queue").out();
    return out.contains("pending: none") && out.contains("failed: none");
  }

  static long headSeq(TestDevice d) throws Exception {
    DeviceCredentials c = new SecretStore(d.locations().secretsDir()).requireDevice();
    return new HubClient(URI.create(c.server()), c.token(), HubHttpClients.create()).folderStatus("docs").headSeq();
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Test
  void editsMadeWhileTheHubIsDownSurviveTwoDaemonRestartsAndArriveWhenItIsBack() throws Exception {
    FaultProxy faults = new FaultProxy(hub.url(), 1);
    proxy = faults;
    devices(faults.url());
    Files.writeString(a.folder().resolve("before.txt"), "before");
    a.sync().expect(0);

    faults.mode(FaultProxy.Mode.DOWN);
    Files.createDirectories(a.folder().resolve("offline"));
    for (int i = 0; i < 100; i++) Files.writeString(a.folder().resolve("offline/f" + i + ".txt"), "edit " + i);
    TestDevice.Result r = a.sync();
    assertEquals(ExitCodes.FAILED, r.code(), r.out());
    TestDevice.Result st = a.ferry("status").expect(0);
    assertTrue(st.out().contains("[OFFLINE]") && st.out().contains("QUEUED") && st.out().contains("pending 101")
        && st.out().contains("next retry"), st.out());

    for (int restart = 0; restart < 2; restart++) {
      a.stopDaemon();
      a.startDaemon();
      assertTrue(a.ferry("queue").expect(0).out().contains("pending: 101"), "the outbox outlives a restart");
    }

    hub.restart();
    faults.target(hub.url());
    faults.mode(FaultProxy.Mode.PASS);
    // Nobody asks: the daemon's own probe finds the hub and drains the queue.
    await("A drains its queue by itself", Duration.ofSeconds(30), () -> queueEmpty(a));
    b.sync().expect(0);
    Trees.assertSame(a.folder(), b.folder());
    assertEquals(102, headSeq(a), "one revision per change: before.txt, the directory and 100 files");
  }

  @Test
  void aWriteFaultKeepsTheOldFileFailsTheItemAndTheRestGoesOn() throws Exception {
    devices(hub.url());
    Path A = a.folder();
    Path B = b.folder();
    Files.createDirectories(A.resolve("locked"));
    Files.createDirectories(A.resolve("full"));
    Files.writeString(A.resolve("locked/x.txt"), "v1");
    a.sync().expect(0);
    b.sync().expect(0);
    assertEquals("v1", read(B.resolve("locked/x.txt")));

    // Root ignores permission bits: the seam fails writes there as EACCES and ENOSPC would.
    FileSystemFaults.arm(B.resolve("locked"), FileSystemFaults.Fault.PERMISSION);
    FileSystemFaults.arm(B.resolve("full"), FileSystemFaults.Fault.NO_SPACE);
    Files.writeString(A.resolve("locked/x.txt"), "v2");
    Files.writeString(A.resolve("full/big.txt"), "does not fit");
    Files.writeString(A.resolve("other.txt"), "the rest goes on");
    a.sync().expect(0);
    b.sync().expect(ExitCodes.ATTENTION);
    assertEquals("v1", read(B.resolve("locked/x.txt")), "the old file is intact");
    assertEquals("the rest goes on", read(B.resolve("other.txt")));
    try (Stream<Path> s = Files.walk(B)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(FolderScanner.TEMP_PREFIX)), "no temp file left");
    }
    TestDevice.Result failed = b.ferry("queue", "--failed").expect(ExitCodes.ATTENTION);
    assertTrue(failed.out().contains("locked/x.txt") && failed.out().contains("permission"), failed.out());
    assertTrue(failed.out().contains("full/big.txt") && failed.out().contains("disk"), failed.out());
    b.ferry("status").expect(ExitCodes.ATTENTION);
    // The permission item waits for a person; the full-disk one is tried again while the disk
    // reports room (this machine's has it; the seam fails the write again).
    b.sync().expect(ExitCodes.ATTENTION);
    assertEquals("v1", read(B.resolve("locked/x.txt")));
    // Retried while the cause is still there: it fails again under the same id, so a script can
    // retry one id until the cause is fixed.
    String lockedId = failedId(b, "locked/x.txt");
    b.ferry("queue retry", lockedId).expect(0);
    b.sync().expect(ExitCodes.ATTENTION);
    assertEquals(lockedId, failedId(b, "locked/x.txt"), "a retried item that failed again keeps its id");
    assertEquals("v1", read(B.resolve("locked/x.txt")));

    FileSystemFaults.disarmAll();
    // Room again: the download the full disk failed is retried by the next run by itself; the
    // permission fault waits for a person.
    b.sync();
    assertEquals("does not fit", read(B.resolve("full/big.txt")), "a full disk heals once there is room");
    assertEquals("v1", read(B.resolve("locked/x.txt")));
    b.ferry("queue retry", "--all").expect(0);
    await("the retried items arrive", Duration.ofSeconds(30),
        () -> "v2".equals(read(B.resolve("locked/x.txt"))) && "does not fit".equals(read(B.resolve("full/big.txt"))));
    await("status is clean again", Duration.ofSeconds(30), () -> b.ferry("status").code() == 0);
    Trees.assertSame(A, B);
  }

  @Test
  void aStoredWriteWhoseChunksTheHubLostIsPreparedAgain() throws Exception {
    GarblingProxy http = new GarblingProxy(hub.url());
    proxy = http;
    devices(http.url());
    byte[] big = new byte[300_000]; // chunked, not inline
    new java.util.Random(5).nextBytes(big);
    Files.write(a.folder().resolve("big.bin"), big);
    // The chunks reach the hub, the write is refused: it stays stored in the failed queue.
    http.script(p -> p.endsWith("/batch"), 400, "text/plain", "no", null, false, 1);
    a.sync().expect(ExitCodes.ATTENTION);
    // The hub loses the chunks (an old backup restored, say) before the write is retried.
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir().resolve("hub.db"));
        var st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 10000");
      assertTrue(st.executeUpdate("DELETE FROM chunks") > 0, "chunks were on the hub");
    }
    a.ferry("queue retry", "--all").expect(0);
    await("big.bin sent after it was prepared again", Duration.ofSeconds(30), () -> queueEmpty(a));
    b.sync().expect(0);
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  void hubFaultsAreRetriedOrFailedAsTheTaxonomySays() throws Exception {
    GarblingProxy http = new GarblingProxy(hub.url());
    proxy = http;
    devices(http.url());
    Path A = a.folder();
    java.util.function.Predicate<String> batch = p -> p.endsWith("/batch");

    // 500: retryable. The run fails, the folder waits, the daemon retries by itself.
    http.script(batch, 500, "text/plain", "internal trouble", null, false, 1);
    Files.writeString(A.resolve("a.txt"), "a");
    assertEquals(ExitCodes.FAILED, a.sync().code());
    TestDevice.Result q = a.ferry("queue").expect(0);
    assertTrue(q.out().contains("a.txt") && q.out().contains("attempts 1") && q.out().contains("server"), q.out());
    await("a.txt sent on retry", Duration.ofSeconds(30), () -> queueEmpty(a));

    // 429 with Retry-After: retryable, and the daemon waits at least that long.
    http.script(batch, 429, "text/plain", "slow down", "1", false, 1);
    Files.writeString(A.resolve("b.txt"), "b");
    assertEquals(ExitCodes.FAILED, a.sync().code());
    q = a.ferry("queue").expect(0);
    assertTrue(q.out().contains("rate-limited") && q.out().contains("next "), q.out());
    await("b.txt sent after Retry-After", Duration.ofSeconds(30), () -> queueEmpty(a));

    // 400: not retryable. Straight to the failed queue; exit 4; retry by hand.
    http.script(batch, 400, "text/plain", "no", null, false, 1);
    Files.writeString(A.resolve("c.txt"), "c");
    a.sync().expect(ExitCodes.ATTENTION);
    q = a.ferry("queue", "--failed").expect(ExitCodes.ATTENTION);
    assertTrue(q.out().contains("c.txt") && q.out().contains("invalid-data"), q.out());

    // Malformed JSON after the hub did the work: failed; the retry resends the same key and
    // bytes, so the hub replays its answer instead of making a second revision.
    http.script(batch, 200, "application/json", "{\"results\": [ not json", null, true, 1);
    Files.writeString(A.resolve("d.txt"), "d");
    a.sync().expect(ExitCodes.ATTENTION);
    long seqAfterLostAnswer = headSeq(a);
    a.ferry("queue retry", "--all").expect(0);
    await("c.txt and d.txt arrive after the retry", Duration.ofSeconds(30), () -> queueEmpty(a));
    assertEquals(seqAfterLostAnswer + 1, headSeq(a), "c.txt made one revision, d.txt none more");
    assertEquals(4, http.scriptedAnswers());
    b.sync().expect(0);
    Trees.assertSame(A, b.folder());
  }

  @Test
  void aBatchRefusedWhileTheNextIsOnItsWayLosesNothingAndIsNotWrittenTwice() throws Exception {
    GarblingProxy http = new GarblingProxy(hub.url());
    proxy = http;
    devices(http.url(), "[performance]\nbatch_size = 5\n");
    java.util.function.Predicate<String> batch = p -> p.endsWith("/batch");
    // A hub slow enough that the next batch is sent before each answer comes back.
    http.slow(batch, Duration.ofMillis(300));
    // The second batch gets a 500 while the third is on its way; the hub takes the third.
    java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
    http.script(p -> batch.test(p) && batches.incrementAndGet() == 2, 500, "text/plain", "internal trouble", null, false, 1);
    for (int i = 0; i < 30; i++) Files.writeString(a.folder().resolve("n-" + i + ".txt"), "note " + i);
    assertEquals(ExitCodes.FAILED, a.sync().code());
    assertEquals(2, http.mostAtOnce(), "a batch goes while the one before is on its way, and never more than two");
    await("the daemon's retries send the rest", Duration.ofSeconds(30), () -> queueEmpty(a));
    assertEquals(1, http.scriptedAnswers());
    // The third batch was resent with its keys: the hub replayed its answers.
    assertEquals(30, headSeq(a), "one revision per file");
    b.sync().expect(0);
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  void fiveHundredEditsOnTwoDevicesThroughAFlappingLinkAllArriveOnce() throws Exception {
    FaultProxy faults = new FaultProxy(hub.url(), 42);
    proxy = faults;
    devices(faults.url());
    faults.faultRate(0.25);
    faults.mode(FaultProxy.Mode.FLAP);
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 50; i++) {
        Files.writeString(a.folder().resolve("a-" + round + "-" + i + ".txt"), "from a " + round + " " + i);
        Files.writeString(b.folder().resolve("b-" + round + "-" + i + ".txt"), "from b " + round + " " + i);
      }
      a.sync(); // may fail: the link flaps
      b.sync();
    }
    long injected = faults.faults();
    assertTrue(injected > 0, "the link never flapped");
    faults.mode(FaultProxy.Mode.PASS);
    await("both devices converge", Duration.ofSeconds(45), () -> {
      a.sync();
      b.sync();
      a.sync();
      try {
        return queueEmpty(a) && queueEmpty(b) && Trees.describe(a.folder()).equals(Trees.describe(b.folder()));
      } catch (java.io.IOException e) {
        return false;
      }
    });
    try (Stream<Path> s = Files.list(a.folder())) {
      assertEquals(500, s.filter(p -> p.getFileName().toString().endsWith(".txt")).count());
    }
    assertEquals(500, headSeq(a), "every edit arrived exactly once (" + injected + " faults injected)");
  }

  /** The id {@code queue --failed --json} lists for {@code path}. */
  static String failedId(TestDevice d, String path) throws java.io.IOException {
    java.util.Map<?, ?> q = dev.ferry.protocol.Json.adapter(java.util.Map.class).fromJson(d.ferry("queue", "--failed", "--json").out());
    for (Object o : (java.util.List<?>) q.get("failed")) {
      java.util.Map<?, ?> item = (java.util.Map<?, ?>) o;
      if (path.equals(item.get("path"))) return String.valueOf(item.get("id"));
    }
    return fail("no failed item for " + path + " in " + q);
  }
}
