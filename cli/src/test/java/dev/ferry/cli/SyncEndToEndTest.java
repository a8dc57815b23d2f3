package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.cli.testing.DevicePair;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.server.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real hub on loopback and two real daemons in separate homes, driven through the command
 * line: what a user does, checked byte for byte. The steps build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncEndToEndTest {
  static final String SECRET = "secret-plaintext-marker-4711";
  DevicePair pair;
  TestHub hub;
  TestDevice a;
  TestDevice b;
  Path base;

  @BeforeAll
  void start() throws Exception {
    pair = DevicePair.start("alice");
    hub = pair.hub;
    a = pair.a;
    b = pair.b;
    base = pair.base;
  }

  @AfterAll
  void stop() throws Exception {
    if (pair != null) pair.close();
  }

  void syncBoth() {
    pair.syncBoth();
  }

  @Test
  @Order(1)
  void createsTravelWithEverythingKept() throws Exception {
    Path A = a.folder();
    Files.createDirectories(A.resolve("notes/deep"));
    Files.createDirectories(A.resolve("empty/inner-empty"));
    Files.writeString(A.resolve("notes/deep/hello.txt"), SECRET + "\n");
    Files.write(A.resolve("notes/ünïcødé name – 日本.txt"), "café".getBytes(StandardCharsets.UTF_8));
    Files.writeString(A.resolve("n".repeat(200) + ".txt"), "long name");
    byte[] blob = new byte[3_000_000];
    new Random(1).nextBytes(blob);
    Files.write(A.resolve("blob.bin"), blob);
    Path script = A.resolve("run.sh");
    Files.writeString(script, "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE));
    Files.write(A.resolve("empty-file"), new byte[0]);
    syncBoth();
    Trees.assertSame(A, b.folder());
    assertTrue(Files.isDirectory(b.folder().resolve("empty/inner-empty")));
    assertTrue(Files.isExecutable(b.folder().resolve("run.sh")));
  }

  @Test
  @Order(2)
  void editsDeletesAndRenamesTravelBack() throws Exception {
    Path B = b.folder();
    Files.writeString(B.resolve("notes/deep/hello.txt"), "edited on b\n", java.nio.file.StandardOpenOption.APPEND);
    Files.delete(B.resolve("empty-file"));
    Files.move(B.resolve("blob.bin"), B.resolve("notes/blob-renamed.bin"));
    Files.delete(B.resolve("empty/inner-empty"));
    Files.setPosixFilePermissions(B.resolve("run.sh"), Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    b.sync().expect(0);
    a.sync().expect(0);
    Trees.assertSame(a.folder(), B);
    assertFalse(Files.exists(a.folder().resolve("empty-file")));
    assertFalse(Files.exists(a.folder().resolve("blob.bin")));
    assertFalse(Files.isExecutable(a.folder().resolve("run.sh")));
  }

  @Test
  @Order(3)
  void aFiftyMebibyteFileAndItsSmallEdit() throws Exception {
    byte[] big = new byte[50 * 1024 * 1024];
    new Random(7).nextBytes(big);
    Files.write(a.folder().resolve("big.bin"), big);
    syncBoth();
    Trees.assertSame(a.folder(), b.folder());
    big[25 * 1024 * 1024] ^= 1;
    Files.write(a.folder().resolve("big.bin"), big);
    var r = a.ferry("sync", "--json").expect(0);
    // Only the chunks around the edit travel: far less than the file.
    long up = Long.parseLong(r.out().replaceAll("(?s).*\"bytesUp\"\\s*:\\s*(\\d+).*", "$1"));
    assertTrue(up < 3 * 1024 * 1024, "a one-byte edit sent " + up + " bytes");
    var down = b.ferry("sync", "--json").expect(0);
    // And only those chunks come down: the rest is taken from b's own copy of the file.
    long downBytes = Long.parseLong(down.out().replaceAll("(?s).*\"bytesDown\"\\s*:\\s*(\\d+).*", "$1"));
    assertTrue(downBytes < 3 * 1024 * 1024, "a one-byte edit fetched " + downBytes + " bytes");
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  @Order(4)
  void directionsAreHonoured() throws Exception {
    Files.writeString(a.folder().resolve("dir-a.txt"), "from a");
    Files.writeString(b.folder().resolve("dir-b.txt"), "from b");
    var check = a.sync("--direction", "check", "--json").expect(4);
    assertTrue(check.out().replace(" ", "").contains("\"dir-a.txt:wouldupload\""), "check lists the upload it would make: " + check.out());
    assertFalse(Files.exists(b.folder().resolve("dir-a.txt")));
    Files.writeString(a.folder().resolve("held.txt"), "not sent by a download");
    var held = a.sync("--direction", "download", "--json").expect(4);
    assertTrue(held.out().contains("held.txt: local upload not sent (--direction download)"), held.out());
    Files.delete(a.folder().resolve("held.txt"));
    a.sync("--direction", "upload").expect(0);
    b.sync("--direction", "upload").expect(0);
    // b uploaded only: a's file is not here yet.
    assertFalse(Files.exists(b.folder().resolve("dir-a.txt")));
    b.sync("--direction", "download").expect(0);
    assertEquals("from a", Files.readString(b.folder().resolve("dir-a.txt")));
    a.sync("--direction", "download").expect(0);
    assertEquals("from b", Files.readString(a.folder().resolve("dir-b.txt")));
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  @Order(5)
  void concurrentEditsKeepBoth() throws Exception {
    Files.writeString(a.folder().resolve("both.txt"), "base\n");
    syncBoth();
    Files.writeString(a.folder().resolve("both.txt"), "edited on a\n");
    Files.writeString(b.folder().resolve("both.txt"), "edited on b\n");
    a.sync().expect(0);
    b.sync().expect(4); // b resolves: a conflict copy needs a look
    a.sync().expect(0);
    Trees.assertSame(a.folder(), b.folder());
    var contents = Trees.contents(b.folder());
    assertTrue(contents.containsValue("edited on a\n"), contents.keySet().toString());
    assertTrue(contents.containsValue("edited on b\n"), contents.keySet().toString());
  }

  @Test
  @Order(6)
  void tenThousandSmallFiles() throws Exception {
    Path dir = Files.createDirectories(a.folder().resolve("many"));
    for (int i = 0; i < 10_000; i++) {
      Files.writeString(dir.resolve("f" + (i % 100) + "-" + i + ".txt"), "file " + i + "\n");
    }
    syncBoth();
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  @Order(7)
  void theHubHoldsNoPlaintext() throws Exception {
    assertFalse(Trees.anyFileContains(hub.dataDir(), SECRET.getBytes(StandardCharsets.UTF_8)), "plaintext content on the hub");
    assertFalse(Trees.anyFileContains(hub.dataDir(), "hello.txt".getBytes(StandardCharsets.UTF_8)), "plaintext name on the hub");
    assertFalse(Trees.anyFileContains(hub.dataDir(), "ünïcødé".getBytes(StandardCharsets.UTF_8)), "plaintext name on the hub");
  }

  @Test
  @Order(8)
  void statusReportsEveryFolder() {
    var r = a.ferry("status", "--json");
    assertTrue(r.code() == 0 || r.code() == 4, r.err());
    assertTrue(r.out().contains("\"state\""), r.out());
    assertTrue(r.out().contains("\"id\": \"docs\""), r.out());
  }

  @Test
  @Order(9)
  @SuppressWarnings("unchecked")
  void aRunStreamsItsProgressAndAPipeGetsNoBar() throws Exception {
    byte[] blob = new byte[3_000_000];
    new Random(9).nextBytes(blob);
    Files.write(a.folder().resolve("progress.bin"), blob);
    java.util.List<java.util.Map<String, Object>> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.ferry.ipc.RpcClient watcher = dev.ferry.ipc.RpcClient.connect(a.locations().socketPath());
    Thread t = new Thread(() -> {
      try {
        watcher.stream(dev.ferry.ipc.methods.Methods.EVENTS_SUBSCRIBE, new dev.ferry.ipc.methods.EventsParams("docs"),
            m -> events.add((java.util.Map<String, Object>) m.get("params")));
      } catch (Exception e) {
        // the watcher was closed
      }
    });
    t.start();
    try {
      // The subscription is live once the first state change of a run reaches it; a "check" run makes one.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (events.isEmpty()) {
        a.sync("--direction", "check");
        if (System.nanoTime() > deadline) fail("no event reached the subscriber");
      }
      var r = a.sync().expect(0);
      assertFalse(r.out().contains("\r"), "a progress bar in a pipe: " + r.out());
      while (events.stream().noneMatch(e -> "run".equals(e.get("type")) && "both".equals(e.get("direction")))) {
        if (System.nanoTime() > deadline) fail("no run event: " + events);
        Thread.sleep(10); // polling a real socket with a deadline
      }
      var last = events.stream().filter(e -> "progress".equals(e.get("type"))).reduce((x, y) -> y)
          .orElseThrow(() -> new AssertionError("no progress event: " + events));
      assertEquals(1.0, last.get("filesTotal"), last.toString());
      assertEquals(1.0, last.get("filesDone"), last.toString());
      assertEquals(3_000_000.0, last.get("bytesTotal"), last.toString());
      assertEquals(3_000_000.0, last.get("bytesDone"), last.toString());
    } finally {
      watcher.close();
      t.join(5_000);
    }
  }

  @Test
  @Order(10)
  void aFileBecomesADirectoryAndADirectoryAFile() throws Exception {
    Path A = a.folder();
    Path B = b.folder();
    Files.writeString(A.resolve("shape"), "a file first\n");
    Files.createDirectories(A.resolve("tree/sub"));
    Files.writeString(A.resolve("tree/sub/leaf.txt"), "leaf\n");
    Files.writeString(A.resolve("tree/top.txt"), "top\n");
    syncBoth();
    Trees.assertSame(A, B);
    // On b: the file becomes a directory with files in it, the directory tree becomes a file.
    Files.delete(B.resolve("shape"));
    Files.createDirectories(B.resolve("shape/inner"));
    Files.writeString(B.resolve("shape/inner/x.txt"), "inside\n");
    Files.writeString(B.resolve("shape/y.txt"), "beside\n");
    Trees.deleteRecursively(B.resolve("tree"));
    Files.writeString(B.resolve("tree"), "a file now\n");
    b.sync().expect(0);
    a.sync().expect(0);
    Trees.assertSame(A, B);
    assertEquals("inside\n", Files.readString(A.resolve("shape/inner/x.txt")));
    assertEquals("a file now\n", Files.readString(A.resolve("tree")));
    // And back again, from a.
    Trees.deleteRecursively(A.resolve("shape"));
    Files.writeString(A.resolve("shape"), "a file again\n");
    Files.delete(A.resolve("tree"));
    Files.createDirectories(A.resolve("tree"));
    Files.writeString(A.resolve("tree/new.txt"), "new\n");
    a.sync().expect(0);
    b.sync().expect(0);
    Trees.assertSame(A, B);
    assertEquals("a file again\n", Files.readString(B.resolve("shape")));
    assertEquals("new\n", Files.readString(B.resolve("tree/new.txt")));
    // Nothing waits in either failed queue.
    assertTrue(a.ferry("queue", "--failed", "--json").expect(0).out().contains("[]"), "failed items on a");
    assertTrue(b.ferry("queue", "--failed", "--json").expect(0).out().contains("[]"), "failed items on b");
  }

  @Test
  @Order(11)
  void aPausedFolderIsNotSyncedAndSaysSo() throws Exception {
    Files.writeString(a.folder().resolve("while-paused.txt"), "waits\n");
    a.ferry("pause", "docs").expect(0);
    var r = a.sync().expect(4);
    assertTrue(r.out().contains("docs: paused, not synced ('ferry resume docs' syncs it again)"), r.out());
    b.sync().expect(0);
    assertFalse(Files.exists(b.folder().resolve("while-paused.txt")));
    // Its local changes are still recorded: queue and status show what waits for resume.
    String queue = "";
    for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; Thread.sleep(50)) {
      queue = a.ferry("queue", "--json").expect(0).out();
      if (queue.contains("while-paused.txt")) break;
    }
    assertTrue(queue.contains("while-paused.txt"), "the paused folder's change is in the queue: " + queue);
    assertTrue(a.ferry("status", "--json").out().replace(" ", "").contains("\"pending\":1"));
    a.ferry("resume", "docs").expect(0);
    a.sync().expect(0);
    b.sync().expect(0);
    assertEquals("waits\n", Files.readString(b.folder().resolve("while-paused.txt")));
  }

  @Test
  @Order(12)
  void namesThatCannotTravelAreNamedInTheRunsNotes() throws Exception {
    Files.writeString(a.folder().resolve("back\\slash.txt"), "stays here\n");
    Files.writeString(a.folder().resolve("e\u0301-decomposed.txt"), "stays here too\n");
    var r = a.sync().expect(0);
    assertTrue(r.out().contains("note: skipped invalid path 'back\\slash.txt': contains a backslash"), r.out());
    assertTrue(r.out().contains("note: skipped e\u0301-decomposed.txt: name is not in Unicode NFC form"), r.out());
    var json = a.ferry("sync", "--json").expect(0);
    assertTrue(json.out().contains("\"notes\""), json.out());
    Files.delete(a.folder().resolve("back\\slash.txt"));
    Files.delete(a.folder().resolve("e\u0301-decomposed.txt"));
    assertFalse(a.sync().expect(0).out().contains("note:"));
  }

  @Test
  @Order(13)
  void aFolderAddedOrRemovedWhileTheDaemonsRunSyncsOrStopsAtOnce() throws Exception {
    Path pa = Files.createDirectories(base.resolve("a-photos"));
    Path pb = base.resolve("b-photos");
    Files.writeString(pa.resolve("p.txt"), "photo\n");
    var added = a.ferry("folder add", "photos", pa.toString()).expect(0);
    assertTrue(added.out().contains("The running daemon syncs it now."), added.out());
    b.ferry("folder add", "photos", pb.toString()).expect(0);
    a.sync("photos").expect(0);
    b.sync("photos").expect(0);
    assertEquals("photo\n", Files.readString(pb.resolve("p.txt")));
    assertTrue(b.ferry("status", "--json").out().contains("\"id\": \"photos\""));

    b.ferry("folder remove", "photos").expect(0);
    var gone = b.sync("photos");
    assertEquals(1, gone.code(), "a removed folder is no longer synced");
    assertTrue(gone.err().contains("no folder 'photos' is configured"), gone.err());
    assertFalse(b.ferry("status", "--json").out().contains("\"id\": \"photos\""));
    Files.writeString(pa.resolve("q.txt"), "later\n");
    a.sync("photos").expect(0);
    b.sync().expect(0);
    assertFalse(Files.exists(pb.resolve("q.txt")), "the removed folder got a later file");
    assertEquals("photo\n", Files.readString(pb.resolve("p.txt")), "removing a folder leaves its files");
  }

  @Test
  @Order(14)
  void aDirectoryWithFilesNeverSyncedAgainstAFileKeepsBoth() throws Exception {
    Path A = a.folder();
    Path B = b.folder();
    Files.createDirectories(A.resolve("shared-dir"));
    Files.writeString(A.resolve("shared-dir/synced.txt"), "synced\n");
    syncBoth();
    // b turns the directory into a file; a meanwhile puts a new file in the directory.
    Trees.deleteRecursively(B.resolve("shared-dir"));
    Files.writeString(B.resolve("shared-dir"), "a file from b\n");
    b.sync().expect(0);
    Files.writeString(A.resolve("shared-dir/new-on-a.txt"), "only on a\n");
    a.sync().expect(4); // a conflict, kept both ways
    assertEquals("a file from b\n", Files.readString(A.resolve("shared-dir")));
    var contents = Trees.contents(A);
    assertTrue(contents.entrySet().stream().anyMatch(en -> en.getKey().startsWith("shared-dir.conflict-")
        && en.getKey().endsWith("/new-on-a.txt") && en.getValue().equals("only on a\n")), contents.keySet().toString());
    b.sync().expect(0);
    a.sync();
    Trees.assertSame(A, B);
    assertTrue(a.ferry("queue", "--failed", "--json").expect(0).out().contains("[]"), "failed items on a");
    assertTrue(b.ferry("queue", "--failed", "--json").expect(0).out().contains("[]"), "failed items on b");
  }

  @Test
  @Order(15)
  void configReloadAppliesAHandEditedFolderListAndRefusesABadFile() throws Exception {
    Path config = a.locations().configFile();
    String before = Files.readString(config);
    Path hand = Files.createDirectories(base.resolve("a-hand"));
    Files.writeString(config, before + "\n[[folder]]\nid = \"hand\"\npath = \"" + hand + "\"\n");
    var r = a.ferry("config reload").expect(0);
    assertTrue(r.out().contains("folder (added hand)"), r.out());
    assertTrue(a.ferry("status", "--json").out().contains("\"id\": \"hand\""));

    Files.writeString(config, before + "\n[performance]\nthrotle = \"1s\"\n");
    var bad = a.ferry("config reload");
    assertEquals(1, bad.code(), bad.out() + bad.err());
    assertTrue(bad.err().contains("performance.throtle"), bad.err());
    assertTrue(a.ferry("status", "--json").out().contains("\"id\": \"hand\""), "a bad file keeps the running config");

    // A file read before and now gone is refused the same way: not "defaults", which drop every folder.
    Path aside = base.resolve("config-aside.toml");
    Files.move(config, aside);
    var gone = a.ferry("config reload");
    assertEquals(1, gone.code(), gone.out() + gone.err());
    assertTrue(gone.err().contains(config + ": the file is gone"), gone.err());
    String status = a.ferry("status", "--json").out();
    assertTrue(status.contains("\"id\": \"hand\"") && status.contains("\"id\": \"docs\""), "the running folders stay: " + status);
    // Nor does folder add write a new file holding only its folder, which the daemon would then reload.
    var add = a.ferry("folder add", "extra", base.resolve("extra").toString());
    assertEquals(1, add.code(), add.out() + add.err());
    assertTrue(add.err().contains(config + " is gone, though this device is set up: put it back first"), add.err());
    assertFalse(Files.exists(config), "no config with only the new folder");
    Files.move(aside, config);

    Files.writeString(config, before);
    assertTrue(a.ferry("config reload").expect(0).out().contains("folder (removed hand)"));
  }

  @Test
  @Order(16)
  void aPathIgnoredOnOneDeviceGetsNothingFromTheOthersUntilTheRuleGoes() throws Exception {
    Path A = a.folder();
    Path B = b.folder();
    Files.writeString(B.resolve("machine.conf"), "b's own settings\n");
    Path config = b.locations().configFile();
    String before = Files.readString(config);
    String docs = "id = \"docs\"\n";
    assertTrue(before.contains(docs), before);
    Files.writeString(config, before.replace(docs, docs + "ignore = [\"machine.conf\", \"cache/\"]\n"));
    b.ferry("config reload").expect(0);
    b.sync().expect(0); // after the run the reload requested for the changed folder

    Files.writeString(A.resolve("machine.conf"), "a's own settings\n");
    Files.createDirectories(A.resolve("cache"));
    Files.writeString(A.resolve("cache/blob.bin"), "cached on a\n");
    Files.writeString(A.resolve("shared-later.txt"), "for everyone\n");
    a.sync().expect(0);
    var pulled = b.sync().expect(0);
    assertTrue(pulled.out().contains("3 changes from the hub to paths ignored here not applied"), pulled.out());
    assertEquals("for everyone\n", Files.readString(B.resolve("shared-later.txt")));
    assertEquals("b's own settings\n", Files.readString(B.resolve("machine.conf")), "an ignored file was touched");
    assertFalse(Files.exists(B.resolve("cache")), "an ignored directory arrived");
    assertEquals(List.of("machine.conf"), Trees.contents(B).keySet().stream().filter(k -> k.startsWith("machine")).toList(),
        "no conflict copy of an ignored file");
    a.sync().expect(0);
    assertEquals("a's own settings\n", Files.readString(A.resolve("machine.conf")), "the ignoring device sent its file");

    Files.writeString(A.resolve("cache/blob.bin"), "cached on a, edited\n");
    a.sync().expect(0);
    b.sync().expect(0);
    assertFalse(Files.exists(B.resolve("cache")));

    // The rule for cache/ goes: what the cursor passed arrives now; machine.conf stays b's.
    Files.writeString(config, before.replace(docs, docs + "ignore = [\"machine.conf\"]\n"));
    b.ferry("config reload").expect(0);
    b.sync().expect(0);
    assertEquals("cached on a, edited\n", Files.readString(B.resolve("cache/blob.bin")));
    assertEquals("b's own settings\n", Files.readString(B.resolve("machine.conf")));
    var again = b.sync().expect(0);
    assertFalse(again.out().contains("not applied"), "the feed is read again only once per change of the rules: " + again.out());
  }

  @Test
  @Order(17)
  void aRemoteFileThatFoundItsPathTakenArrivesOnceThePathIsFree() throws Exception {
    Path A = a.folder();
    Path B = b.folder();
    // A fifo where a's new file goes: the scan skips it, the write finds it right before the rename.
    Path fifo = B.resolve("pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Files.writeString(A.resolve("pipe"), "a regular file from a\n");
    Files.writeString(A.resolve("beside.txt"), "beside it\n");
    a.sync().expect(0);
    var blocked = b.sync();
    assertTrue(blocked.out().contains("pipe"), blocked.out());
    assertEquals("beside it\n", Files.readString(B.resolve("beside.txt")), "the rest of the run went on");
    assertFalse(Files.isRegularFile(fifo));
    b.sync();
    Files.delete(fifo);
    b.sync().expect(0);
    assertEquals("a regular file from a\n", Files.readString(B.resolve("pipe")),
        "the change is decided again once the path is free, not passed for good");
  }

  @Test
  @Order(18)
  void anEditThatPutSizeAndMtimeBackTravelsAndATouchIsHashedOnce() throws Exception {
    Path A = a.folder();
    Path f = A.resolve("settings.ini");
    Files.writeString(f, "theme = dark\n");
    syncBoth();
    java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(f);
    Object ctime = Files.getAttribute(f, "unix:ctime");
    // As `cp -p` of a same-sized file leaves it: new bytes, the old size and mtime. The ctime
    // clock ticks coarsely: the rewrite repeats until it shows, as any later edit would.
    do {
      Files.writeString(f, "theme = pink\n");
      Files.setLastModifiedTime(f, mtime);
    } while (Files.getAttribute(f, "unix:ctime").equals(ctime));
    a.sync().expect(0);
    b.sync().expect(0);
    assertEquals("theme = pink\n", Files.readString(b.folder().resolve("settings.ini")));

    // A touch changes no content: nothing travels, and the index takes the new stat, so the
    // next scans trust the file again instead of hashing it every time.
    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(mtime.toMillis() + 60_000));
    var touched = a.sync("docs").expect(0);
    assertTrue(touched.out().contains(" 0 up,"), touched.out());
    try (java.sql.Connection c = dev.ferry.daemon.local.StateDb.open(a.locations().stateDb()).connect();
        var ps = c.prepareStatement("SELECT mtime_ns, ctime_ns FROM entries WHERE path = 'settings.ini'")) {
      var rs = ps.executeQuery();
      assertTrue(rs.next());
      assertEquals(Files.getLastModifiedTime(f).to(java.util.concurrent.TimeUnit.NANOSECONDS), rs.getLong(1));
      assertEquals(((java.nio.file.attribute.FileTime) Files.getAttribute(f, "unix:ctime")).to(java.util.concurrent.TimeUnit.NANOSECONDS),
          rs.getLong(2));
    }
  }

  @Test
  @Order(19)
  void aFerryignoreChangedOnAnotherDeviceAppliesInTheRunThatBringsIt() throws Exception {
    Path A = a.folder();
    Path B = b.folder();
    Files.writeString(A.resolve(".ferryignore"), "*.log\n");
    syncBoth();
    Files.writeString(B.resolve("b-local.log"), "b's own log\n"); // ignored on b: the rule came from a
    b.sync("docs").expect(0);

    Files.writeString(A.resolve(".ferryignore"), "*.log\n!important.log\n");
    Files.writeString(A.resolve("important.log"), "wanted everywhere\n");
    a.sync("docs").expect(0);
    b.sync("docs").expect(0);
    assertEquals("wanted everywhere\n", Files.readString(B.resolve("important.log")),
        "the run that brought the new rule brings what it no longer ignores");

    Files.writeString(A.resolve(".ferryignore"), "");
    a.sync("docs").expect(0);
    b.sync("docs").expect(0);
    a.sync("docs").expect(0);
    assertEquals("b's own log\n", Files.readString(A.resolve("b-local.log")),
        "the run that brought the cleared rule sent what it had ignored");
  }
}
