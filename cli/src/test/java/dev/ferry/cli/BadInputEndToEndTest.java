package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.cli.testing.GarblingProxy;
import dev.ferry.cli.testing.ProxiedPair;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** A hub that sends garbage or forged ciphertext, a wrong password, no daemon: clear errors, nothing written. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputEndToEndTest {
  ProxiedPair pair;
  TestHub hub;
  GarblingProxy proxy;
  TestDevice a;
  TestDevice b;
  Path base;

  @BeforeAll
  void start() throws Exception {
    pair = ProxiedPair.start("carol");
    hub = pair.hub;
    proxy = pair.proxy;
    a = pair.a;
    b = pair.b;
    base = pair.base;
  }

  @AfterAll
  void stop() throws Exception {
    if (pair != null) pair.close();
  }

  @Test
  @Order(1)
  void noDaemonMeansExitThreeWithAHint() {
    var r = a.ferry("status");
    assertEquals(3, r.code());
    assertTrue(r.err().contains("ferry daemon"), r.err());
    assertEquals(3, a.ferry("sync").code());
  }

  @Test
  @Order(2)
  void aWrongPasswordIsExitFive() throws Exception {
    TestDevice c = TestDevice.create(base, "c");
    Path wrong = c.home().resolve("wrong.txt");
    Files.writeString(wrong, "not the password\n");
    var r = c.ferry("login", "--server", hub.url().toString(), "--user", "carol", "--password-file", wrong.toString());
    assertEquals(5, r.code(), r.err());
    assertTrue(r.err().contains("wrong password"), r.err());
    assertFalse(Files.exists(c.home().resolve("secrets/device.json")), "nothing saved after a refused login");
  }

  @Test
  @Order(3)
  void garbageFromTheHubFailsTheRunAndWritesNothing() throws Exception {
    a.startDaemon();
    b.startDaemon();
    Files.writeString(a.folder().resolve("one.txt"), "one");
    a.sync().expect(0);
    proxy.garble(p -> p.endsWith("/changes"));
    var r = b.ferry("sync", "--json");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("invalid-data"), r.out());
    assertFalse(Files.exists(b.folder().resolve("one.txt")));
    // The daemon keeps serving, and recovers once the hub behaves.
    assertEquals(0, b.ferry("status").code() & ~4);
    proxy.garble(p -> false);
    b.sync().expect(0);
    assertEquals("one", Files.readString(b.folder().resolve("one.txt")));
  }

  @Test
  @Order(4)
  void forgedCiphertextIsRefusedAndNothingIsWritten() throws Exception {
    Files.writeString(a.folder().resolve("two.txt"), "two");
    a.sync().expect(0);
    // The hub (or whoever owns its disk) forges the latest revision's metadata.
    forgeLatestMeta();
    assertBRefusesTheForgedEntry("two.txt");
    assertEquals(0, b.ferry("status").code() & ~4);
  }

  @Test
  @Order(5)
  void anEntryAlreadyHeldIsNotOpenedAgainButANewOneIsChecked() throws Exception {
    Files.writeString(a.folder().resolve("three.txt"), "three");
    a.sync().expect(0);
    // Forge the revision a has just written: a holds that very revision, so its next run skips
    // the entry without decrypting it (nothing there to apply); b has never seen it and refuses it.
    forgeLatestMeta();
    a.sync().expect(0);
    assertEquals("three", Files.readString(a.folder().resolve("three.txt")));
    assertBRefusesTheForgedEntry("three.txt");
  }

  /** b's sync fails on the forged entry, says so, and writes nothing of it. */
  private void assertBRefusesTheForgedEntry(String name) {
    var r = b.ferry("sync", "--json");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("refused entry"), r.out());
    assertFalse(Files.exists(b.folder().resolve(name)));
  }

  /** Flips one character of the metadata of the hub's latest revision, as whoever owns its disk could. */
  private void forgeLatestMeta() throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir().resolve("hub.db"));
        var s = c.createStatement()) {
      s.executeUpdate("UPDATE revisions SET meta = substr(meta, 1, 20) || CASE substr(meta, 21, 1) WHEN 'A' THEN 'B' ELSE 'A' END"
          + " || substr(meta, 22) WHERE seq = (SELECT MAX(seq) FROM revisions)");
    }
  }
}
