package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.server.testing.TestHub;
import dev.ferry.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two hub instances on one real PostgreSQL, two daemons each talking to a different instance,
 * all triggers on: an edit on either device reaches the other by itself (watch on the writer,
 * LISTEN/NOTIFY between the instances, the real-time trigger on the reader).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoHubInstancesEndToEndTest {
  TestHub hub1;
  TestHub hub2;
  TestDevice a;
  TestDevice b;
  Path base;

  @BeforeAll
  void start() throws Exception {
    String db = TestPostgres.get().newDatabase("two_instances");
    hub1 = TestHub.startOnPostgres(db, o -> o);
    hub2 = TestHub.startOnPostgres(db, o -> o);
    base = Files.createTempDirectory(Path.of("/tmp"), "ferry-pg2");
    a = TestDevice.create(base, "a");
    b = TestDevice.create(base, "b");
    a.init(hub1.url().toString(), "dana", hub1.invite());
    b.login(hub2.url().toString(), "dana");
    a.addFolder("docs");
    b.addFolder("docs");
    a.startDaemon();
    b.startDaemon();
  }

  @AfterAll
  void stop() throws Exception {
    if (a != null) a.close();
    if (b != null) b.close();
    if (hub1 != null) hub1.close();
    if (hub2 != null) hub2.close();
    Trees.deleteRecursively(base);
  }

  static boolean within(long millis, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) return true;
      Thread.sleep(50);
    }
    return done.getAsBoolean();
  }

  static boolean hasContent(Path p, String s) {
    try {
      return Files.exists(p) && Files.readString(p).equals(s);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void editsPropagateBothWaysAcrossInstances() throws Exception {
    Files.writeString(a.folder().resolve("from-a.txt"), "written on a, via instance 1");
    assertTrue(within(30_000, () -> hasContent(b.folder().resolve("from-a.txt"), "written on a, via instance 1")),
        "a's edit reached b through instance 2");
    Files.writeString(b.folder().resolve("from-b.txt"), "written on b, via instance 2");
    assertTrue(within(30_000, () -> hasContent(a.folder().resolve("from-b.txt"), "written on b, via instance 2")),
        "b's edit reached a through instance 1");
    Files.writeString(a.folder().resolve("from-a.txt"), "edited again on a");
    assertTrue(within(30_000, () -> hasContent(b.folder().resolve("from-a.txt"), "edited again on a")));
    assertTrue(within(30_000, () -> {
      try {
        Trees.assertSame(a.folder(), b.folder());
        return true;
      } catch (AssertionError | java.io.IOException e) {
        return false;
      }
    }));
    var history = b.ferry("history", "--json");
    assertEquals(0, history.code() & ~4, history.err());
    assertTrue(history.out().contains("realtime"), "b's runs came from the real-time trigger: " + history.out());
  }
}
