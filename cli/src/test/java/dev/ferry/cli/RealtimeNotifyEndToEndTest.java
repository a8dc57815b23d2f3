package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Real-time with {@code auto_apply = false, notify = true}: b hears of a's change on its event
 * stream, logs it for the folder and by a's name, and status shows it waiting until a run pulls.
 */
class RealtimeNotifyEndToEndTest {

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(50); // polling a real daemon; the deadline bounds it
    }
  }

  private static boolean waiting(TestDevice d) {
    return d.ferry("status", "--json").out().replaceAll("\\s", "").contains("\"remoteWaiting\":true");
  }

  @Test
  void aChangeAnnouncedButNotAppliedIsLoggedForItsFolderByNameAndWaitsInStatus() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-notify");
    try (TestHub hub = TestHub.start();
        TestDevice a = TestDevice.create(base, "a").manualOnly();
        TestDevice b = TestDevice.create(base, "b").realtimeOnly("""
            enabled = true
            auto_apply = false
            notify = true
            """)) {
      a.init(hub.url().toString(), "notify", hub.invite());
      b.login(hub.url().toString(), "notify");
      a.addFolder("docs");
      b.addFolder("docs");
      a.startDaemon();
      b.startDaemon();
      assertFalse(waiting(b));

      Files.writeString(a.folder().resolve("note.txt"), "from a\n");
      a.sync().expect(0);

      await("b's status to show the change waiting", () -> waiting(b));
      assertTrue(b.ferry("status").out().contains("changes on the hub wait (realtime auto_apply = false): ferry sync applies them"));
      String logs = b.ferry("logs", "--folder", "docs", "--json").out();
      assertTrue(logs.contains("folder docs: changed on the hub by a (seq "), logs);
      assertFalse(Files.exists(b.folder().resolve("note.txt")), "auto_apply is off");

      b.sync().expect(0);
      assertEquals("from a\n", Files.readString(b.folder().resolve("note.txt")));
      assertFalse(waiting(b), "the run pulled it");
    } finally {
      Trees.deleteRecursively(base);
    }
  }
}
