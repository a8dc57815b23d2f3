package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.server.testing.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A folder several times the daemon's heap, of files just small enough to travel inline (what a
 * maildir or a chat archive holds): a first upload, then a second device joining, each daemon a
 * process of its own with a 64 MiB heap that stops on running out of memory. The upload once
 * prepared every file before sending, and the joining pull kept every file's content from the
 * feed until it wrote: each held about twice the folder, and a real daemon (512 MiB heap) died on
 * a folder of 6,000 files of 60 KB.
 */
class HeapBoundEndToEndTest {
  static final int FILES = 1_200;
  static final int SIZE = 60 * 1024;
  static final String[] SMALL_HEAP = {"-Xmx64m", "-XX:+ExitOnOutOfMemoryError"};

  @Test
  void aFolderSeveralTimesTheHeapUploadsAndReachesADeviceThatJoinsAfterwards() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-heap");
    Process pa = null;
    Process pb = null;
    try (TestHub hub = TestHub.start()) {
      TestDevice a = TestDevice.create(base, "a").manualOnly();
      TestDevice b = TestDevice.create(base, "b").manualOnly();
      a.init(hub.url().toString(), "alice", hub.invite());
      b.login(hub.url().toString(), "alice");
      a.addFolder("docs");
      b.addFolder("docs");
      Random rnd = new Random(11);
      byte[] content = new byte[SIZE];
      for (int i = 0; i < FILES; i++) {
        Path dir = Files.createDirectories(a.folder().resolve("mail" + i / 100));
        rnd.nextBytes(content); // random: compression cannot make it smaller
        Files.write(dir.resolve(i + ".eml"), content);
      }
      pa = CrashEndToEndTest.daemonProcess(a, base.resolve("a-daemon.log"), SMALL_HEAP);
      CrashEndToEndTest.awaitSocket(a, pa);
      try {
        a.sync().expect(0);
        pb = CrashEndToEndTest.daemonProcess(b, base.resolve("b-daemon.log"), SMALL_HEAP);
        CrashEndToEndTest.awaitSocket(b, pb);
        b.sync().expect(0);
        Trees.assertSame(a.folder(), b.folder());
        assertTrue(pa.isAlive() && pb.isAlive(), "a daemon stopped");
      } catch (AssertionError e) {
        // The logs are deleted with the folder: what a daemon said before it stopped goes with the failure.
        throw new AssertionError(e.getMessage() + "\n" + tail(base.resolve("a-daemon.log")) + tail(base.resolve("b-daemon.log")), e);
      }
    } finally {
      for (Process p : new Process[] {pa, pb}) {
        if (p != null) {
          p.destroy();
          p.waitFor(30, TimeUnit.SECONDS);
        }
      }
      Trees.deleteRecursively(base);
    }
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) return "";
    List<String> lines = Files.readAllLines(log);
    return "--- last lines of " + log.getFileName() + " ---\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())) + "\n";
  }
}
