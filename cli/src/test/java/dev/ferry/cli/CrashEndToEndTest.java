package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.ipc.RpcClient;
import dev.ferry.server.testing.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A daemon killed with SIGKILL at random points while it syncs a changing folder, again and
 * again, then started normally: every edit arrives, no file is truncated or corrupt, and no
 * change made two revisions. The daemon runs as its own process (this JVM's classpath), so the
 * kill is real. {@code ROUNDS} defaults to 20; bench/crash-soak.sh runs more.
 */
class CrashEndToEndTest {
  static final int ROUNDS = Integer.getInteger("ferry.crash.rounds", 20);
  static final int FILES = 12;

  @Test
  void killedAtRandomPointsLosesNothingAndDuplicatesNothing() throws Exception {
    long seed = Long.getLong("ferry.crash.seed", System.nanoTime());
    Random rnd = new Random(seed);
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-crash");
    try (TestHub hub = TestHub.start()) {
      TestDevice a = TestDevice.create(base, "a");
      TestDevice b = TestDevice.create(base, "b");
      a.init(hub.url().toString(), "alice", hub.invite());
      b.login(hub.url().toString(), "alice");
      a.addFolder("docs");
      b.addFolder("docs");
      int edits = 0;
      for (int i = 0; i < FILES; i++) {
        write(a.folder().resolve("f" + i + ".json"), 0, i, rnd);
        edits++;
      }
      int kills = 0;
      for (int round = 1; round <= ROUNDS; round++) {
        Process p = daemonProcess(a, base.resolve("a-daemon-" + round + ".log"));
        try {
          awaitSocket(a, p);
          // Edit while it syncs (its startup run is under way), then kill it at a random moment.
          for (int k = 0; k < 3; k++) {
            write(a.folder().resolve("f" + rnd.nextInt(FILES) + ".json"), round, k, rnd);
            edits++;
          }
          if (rnd.nextBoolean()) a.ferry("sync", "--no-wait");
          Thread.sleep(rnd.nextInt(250));
        } finally {
          p.destroyForcibly(); // SIGKILL on Linux
          p.waitFor(10, TimeUnit.SECONDS);
          kills++;
        }
      }
      a.startDaemon();
      b.startDaemon();
      try {
        a.sync().expect(0);
        b.sync().expect(0);
        Trees.assertSame(a.folder(), b.folder());
        for (Path f : list(b.folder())) {
          String s = Files.readString(f);
          assertTrue(s.startsWith("{\"round\":") && s.endsWith("}\n"), "truncated or corrupt: " + f + " = " + s);
        }
        for (Path f : listAll(b.folder())) {
          assertTrue(!f.getFileName().toString().startsWith(FolderScanner.TEMP_PREFIX), "temp file left: " + f);
        }
        assertTrue(a.ferry("queue").expect(0).out().contains("pending: none"));
        long revisions = QueueEndToEndTest.headSeq(a);
        assertTrue(revisions <= edits, "seed " + seed + ": " + revisions + " revisions for " + edits + " edits: a change went twice");
        assertEquals(ROUNDS, kills);
      } finally {
        a.close();
        b.close();
      }
    } finally {
      Trees.deleteRecursively(base);
    }
  }

  /** A JSON document with a random-length body, so a torn write would show. */
  static void write(Path file, int round, int k, Random rnd) throws IOException {
    String body = "x".repeat(rnd.nextInt(20_000));
    Files.writeString(file, "{\"round\":" + round + ",\"k\":" + k + ",\"body\":\"" + body + "\"}\n");
  }

  /** {@code ferry daemon} for {@code d} as a process of its own (this JVM's classpath, plus {@code jvmOptions}). */
  static Process daemonProcess(TestDevice d, Path log, String... jvmOptions) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // sqlite-jdbc extracts its native library into its tmpdir and deletes it on exit: a daemon
    // killed here leaves it behind (1 MiB each, 20 a run in /tmp), so it goes into the device's home.
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-Dorg.sqlite.tmpdir=" + d.home()));
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ferry.cli.Main", "daemon", "--home", d.home().toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static void awaitSocket(TestDevice d, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) fail("daemon exited with " + p.exitValue());
      try (RpcClient c = RpcClient.connect(d.locations().socketPath())) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    fail("daemon did not serve its socket in 30 s");
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }

  static List<Path> listAll(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.toList();
    }
  }
}
