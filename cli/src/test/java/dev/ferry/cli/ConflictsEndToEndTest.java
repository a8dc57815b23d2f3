package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Conflicts end to end (SPEC §4, invariant 6): a real hub that goes down and comes back on the
 * same port, two real daemons, the conflict verbs through the real command line. Folder "chat"
 * uses the default strategy (merge); folder "manual" waits for ferry resolve. The steps build
 * on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConflictsEndToEndTest {
  TestHub hub;
  Path hubDir;
  int port;
  TestDevice a;
  TestDevice b;
  Path base;
  Path manualA;
  Path manualB;

  @BeforeAll
  void start() throws Exception {
    base = Files.createTempDirectory(Path.of("/tmp"), "ferry-cf");
    hubDir = Files.createDirectories(base.resolve("hub"));
    hub = TestHub.startOn(hubDir, o -> o);
    port = hub.url().getPort();
    a = TestDevice.create(base, "a");
    b = TestDevice.create(base, "b");
    a.init(hub.url().toString(), "carol", hub.invite());
    b.login(hub.url().toString(), "carol");
    a.addFolder("chat");
    b.addFolder("chat");
    manualA = Files.createDirectories(base.resolve("a-manual"));
    manualB = Files.createDirectories(base.resolve("b-manual"));
    a.ferry("folder add", "manual", manualA.toString(), "--strategy", "manual").expect(0);
    b.ferry("folder add", "manual", manualB.toString(), "--strategy", "manual").expect(0);
    a.startDaemon();
    b.startDaemon();
  }

  @AfterAll
  void stop() throws Exception {
    if (a != null) a.close();
    if (b != null) b.close();
    if (hub != null) hub.close();
    Trees.deleteRecursively(base);
  }

  void syncBoth() {
    a.sync().expect(0);
    b.sync().expect(0);
    a.sync().expect(0);
  }

  static String chat(String... messages) {
    StringBuilder s = new StringBuilder("{\n  \"title\": \"family\",\n  \"messages\": [\n");
    for (int i = 0; i < messages.length; i++) {
      String[] m = messages[i].split(":", 2);
      s.append("    {\"id\": \"").append(m[0]).append("\", \"text\": \"").append(m[1]).append("\"}")
          .append(i + 1 < messages.length ? ",\n" : "\n");
    }
    return s.append("  ]\n}\n").toString();
  }

  static boolean anyConflictCopy(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.anyMatch(p -> p.getFileName().toString().contains(".conflict-"));
    }
  }

  @Test
  @Order(1)
  void chatAppendsOnTwoDevicesWhileTheHubIsDownBothSurvive() throws Exception {
    Path chatA = a.folder().resolve("chat.json");
    Path chatB = b.folder().resolve("chat.json");
    Files.writeString(chatA, chat("m1:hello"));
    syncBoth();
    assertEquals(chat("m1:hello"), Files.readString(chatB));

    hub.close(); // the hub is down
    Files.writeString(chatA, chat("m1:hello", "m2a:from the laptop"));
    Files.writeString(chatB, chat("m1:hello", "m2b:from the phone"));
    assertNotEquals(0, a.sync().code(), "a sync with the hub down must not claim success");
    assertNotEquals(0, b.sync().code());

    hub = TestHub.startOn(hubDir, o -> o.withPort(port)); // the hub is back, same address
    a.sync().expect(0);
    b.sync().expect(0); // merged: nothing waits for a person
    a.sync().expect(0);

    String merged = Files.readString(chatA);
    assertEquals(merged, Files.readString(chatB));
    assertTrue(merged.contains("m1") && merged.contains("from the laptop") && merged.contains("from the phone"), merged);
    assertFalse(anyConflictCopy(a.folder()), "no conflict copy on a");
    assertFalse(anyConflictCopy(b.folder()), "no conflict copy on b");
    b.ferry("conflicts").expect(0);

    // b's own version (before the merge) is a hub revision: nothing was lost.
    var versions = b.ferry("versions", chatB.toString(), "--json").expect(0);
    assertTrue(versions.out().contains("\"rev\": 4"), versions.out());
    Path bOnly = base.resolve("b-only.json");
    b.ferry("restore", chatB.toString(), "--rev", "3", "--to", bOnly.toString()).expect(0);
    assertEquals(chat("m1:hello", "m2b:from the phone"), Files.readString(bOnly));
  }

  @Test
  @Order(2)
  void clashingTextEditsKeepBothUntilResolved() throws Exception {
    Path nA = a.folder().resolve("notes.txt");
    Path nB = b.folder().resolve("notes.txt");
    Files.writeString(nA, "shopping\n");
    syncBoth();
    Files.writeString(nA, "from a\n");
    Files.writeString(nB, "from b\n");
    a.sync().expect(0);
    b.sync().expect(4); // the merge cannot decide: both kept, a person looks
    a.sync().expect(0);
    Trees.assertSame(a.folder(), b.folder());
    assertEquals("from a\n", Files.readString(nB));
    var list = b.ferry("conflicts", "--json").expect(4);
    assertTrue(list.out().contains("\"kind\": \"copy\""), list.out());
    b.ferry("status").expect(4);
    String copy = list.out().replaceAll("(?s).*\"copyPath\": \"([^\"]+)\".*", "$1");
    assertEquals("from b\n", Files.readString(b.folder().resolve(copy)));

    var diff = b.ferry("conflicts diff", b.folder().resolve(copy).toString()).expect(0);
    assertTrue(diff.out().contains("-from b") && diff.out().contains("+from a"), diff.out());
    assertTrue(diff.out().contains("-shopping"), "ancestor shown: " + diff.out());
    assertFalse(diff.out().contains("\u001b["), "no colour off a terminal");

    b.ferry("resolve", nB.toString(), "--keep", "local").expect(0);
    assertEquals("from b\n", Files.readString(nB));
    assertFalse(Files.exists(b.folder().resolve(copy)));
    b.ferry("conflicts").expect(0);
    b.ferry("status").expect(0);
    a.sync().expect(0);
    Trees.assertSame(a.folder(), b.folder());
    assertEquals("from b\n", Files.readString(nA));

    // On the other device the copy is an ordinary file: resolve says how to settle it, and deleting it settles it on both.
    Files.writeString(nA, "round 2 from a\n");
    Files.writeString(nB, "round 2 from b\n");
    a.sync().expect(0);
    b.sync().expect(4);
    a.sync().expect(0);
    String copy2 = b.ferry("conflicts", "--json").expect(4).out().replaceAll("(?s).*\"copyPath\": \"([^\"]+)\".*", "$1");
    Path copyOnA = a.folder().resolve(copy2);
    assertEquals("round 2 from b\n", Files.readString(copyOnA));
    var elsewhere = a.ferry("resolve", copyOnA.toString(), "--keep", "local");
    assertEquals(1, elsewhere.code(), elsewhere.out() + elsewhere.err());
    assertTrue(elsewhere.err().contains("is a conflict copy another device made") && elsewhere.err().contains("delete it to keep notes.txt"),
        elsewhere.err());
    Files.delete(copyOnA);
    a.sync().expect(0);
    b.sync().expect(0);
    b.ferry("conflicts").expect(0);
    b.ferry("status").expect(0);
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  @Order(3)
  void manualStrategyWaitsThenKeepRemoteLeavesLocalInVersions() throws Exception {
    Path mA = manualA.resolve("m.txt");
    Path mB = manualB.resolve("m.txt");
    Files.writeString(mA, "line1\nline2\nline3\n");
    syncBoth();
    Files.writeString(mA, "line1\nA-edit\nline3\n");
    Files.writeString(mB, "line1\nB-edit\nline3\n");
    a.sync("manual").expect(0);
    b.sync("manual").expect(4);
    a.sync("manual").expect(0);
    assertEquals("line1\nB-edit\nline3\n", Files.readString(mB), "manual keeps the local content");
    assertEquals("line1\nA-edit\nline3\n", Files.readString(mA), "and does not upload it");

    var list = b.ferry("conflicts", "--json").expect(4);
    assertTrue(list.out().contains("\"kind\": \"manual\""), list.out());
    b.ferry("status").expect(4);
    var again = b.sync("manual").expect(4); // every run says so until it is resolved, not only the one that found it
    assertTrue(again.out().contains("m.txt: conflict waits for ferry resolve"), again.out());
    var diff = b.ferry("conflicts diff", mB.toString()).expect(0);
    assertTrue(diff.out().contains("-B-edit") && diff.out().contains("+A-edit"), diff.out());
    assertTrue(diff.out().contains("-line2"), diff.out());

    b.ferry("resolve", mB.toString(), "--keep", "remote").expect(0);
    assertEquals("line1\nA-edit\nline3\n", Files.readString(mB));
    b.ferry("conflicts").expect(0);
    a.sync("manual").expect(0);
    Trees.assertSame(manualA, manualB);
    // b's losing version stays on the hub.
    Path lost = base.resolve("b-manual-version.txt");
    // --to into a directory that does not exist: refused, and no directory is made.
    Path nowhere = base.resolve("missing/dir/v.txt");
    var refused = a.ferry("restore", mA.toString(), "--rev", "3", "--to", nowhere.toString());
    assertEquals(ExitCodes.FAILED, refused.code(), refused.err());
    assertTrue(refused.err().contains("no such directory: " + nowhere.getParent()), refused.err());
    assertFalse(Files.exists(base.resolve("missing")), "nothing created");
    a.ferry("restore", mA.toString(), "--rev", "3", "--to", lost.toString()).expect(0);
    assertEquals("line1\nB-edit\nline3\n", Files.readString(lost));
    var underAFile = a.ferry("restore", mA.toString(), "--rev", "3", "--to", lost.resolve("v.txt").toString());
    assertEquals(ExitCodes.FAILED, underAFile.code(), underAFile.err());
    assertTrue(underAFile.err().contains("not a directory: " + lost), underAFile.err());
    assertEquals("line1\nB-edit\nline3\n", Files.readString(lost), "the file in the way is untouched");
    // restore over the file: the older content comes back and travels.
    a.ferry("restore", mA.toString(), "--rev", "3").expect(0);
    assertEquals("line1\nB-edit\nline3\n", Files.readString(mA));
    a.sync("manual").expect(0);
    String versions = a.ferry("versions", mA.toString(), "--json").expect(0).out().replace(" ", "");
    assertEquals(1, versions.split("\"current\":true", -1).length - 1, "rev 3 and its restored copy hold the same content; only the newer is the file's: " + versions);
    assertTrue(versions.contains("\"deviceName\":\"" + a.name() + "\"") && versions.contains("\"deviceName\":\"" + b.name() + "\""), versions);
    assertTrue(a.ferry("versions", mA.toString()).expect(0).out().contains("by " + b.name()), "the human form names the device");
    b.sync("manual").expect(0);
    assertEquals("line1\nB-edit\nline3\n", Files.readString(mB));
  }

  @Test
  @Order(4)
  void deleteAgainstModifyBringsTheFileBack() throws Exception {
    Files.writeString(a.folder().resolve("d.txt"), "v1\n");
    syncBoth();
    Files.delete(a.folder().resolve("d.txt"));
    Files.writeString(b.folder().resolve("d.txt"), "v2 from b\n");
    a.sync().expect(0);
    b.sync().expect(0);
    a.sync().expect(0);
    assertEquals("v2 from b\n", Files.readString(a.folder().resolve("d.txt")));
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  @Order(5)
  void massDeleteStopsUntilAllowed() throws Exception {
    Path dir = Files.createDirectories(a.folder().resolve("mass"));
    for (int i = 0; i < 12; i++) Files.writeString(dir.resolve("f" + i + ".txt"), "file " + i);
    syncBoth();
    for (int i = 0; i < 12; i++) Files.delete(dir.resolve("f" + i + ".txt"));
    var stopped = a.sync("chat");
    assertNotEquals(0, stopped.code());
    assertTrue((stopped.out() + stopped.err()).contains("--allow-mass-delete"), stopped.out() + stopped.err());
    var waiting = a.ferry("status", "--json").expect(ExitCodes.ATTENTION); // only a person's --allow-mass-delete cures it
    assertTrue(waiting.out().replace(" ", "").contains("\"needsAttention\":true"), waiting.out());
    b.sync("chat").expect(0);
    assertTrue(Files.exists(b.folder().resolve("mass/f0.txt")), "nothing deleted elsewhere");

    a.sync("chat", "--allow-mass-delete").expect(0);
    var remoteSide = b.sync("chat");
    assertNotEquals(0, remoteSide.code(), "the receiving side asks too");
    assertTrue(Files.exists(b.folder().resolve("mass/f0.txt")));
    b.sync("chat", "--allow-mass-delete").expect(0);
    assertFalse(Files.exists(b.folder().resolve("mass/f0.txt")));
    a.sync().expect(0);
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  @Order(5)
  void renamingADirectoryThatHoldsMostOfTheFolderIsNoMassDelete() throws Exception {
    Path dir = Files.createDirectories(a.folder().resolve("Archive"));
    for (int i = 0; i < 30; i++) Files.writeString(dir.resolve("note" + i + ".md"), "note " + i + "\n");
    syncBoth();
    Files.move(dir, a.folder().resolve("archive"));
    a.sync("chat").expect(0); // 30 deletions, each file's content at a new path: moved, not lost
    b.sync("chat").expect(0);
    assertEquals("note 7\n", Files.readString(b.folder().resolve("archive/note7.md")));
    assertFalse(Files.exists(b.folder().resolve("Archive")));
    // Deleting them for real is still stopped.
    Trees.deleteRecursively(a.folder().resolve("archive"));
    assertNotEquals(0, a.sync("chat").code());
    a.sync("chat", "--allow-mass-delete").expect(0);
    assertNotEquals(0, b.sync("chat").code());
    b.sync("chat", "--allow-mass-delete").expect(0);
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  @Order(5)
  void removingAnEmptyChainOfDirectoriesIsNoMassDelete() throws Exception {
    Path chain = a.folder();
    for (int i = 1; i <= 15; i++) chain = Files.createDirectories(chain.resolve("e" + i));
    syncBoth();
    assertTrue(Files.isDirectory(b.folder().resolve("e1/e2/e3")));
    Trees.deleteRecursively(a.folder().resolve("e1"));
    a.sync("chat").expect(0); // 15 directories, no file: the guard counts files
    b.sync("chat").expect(0);
    assertFalse(Files.exists(b.folder().resolve("e1")));
  }

  @Test
  @Order(6)
  void aVanishedRootOrMarkerPausesTheFolderInsteadOfDeletingEverything() throws Exception {
    Path aside = base.resolve("b-docs-unmounted");
    Files.move(b.folder(), aside);
    Files.createDirectories(b.folder()); // an empty mount point
    var r = b.sync("chat");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue((r.out() + r.err()).contains("marker"), r.out() + r.err());
    Files.delete(b.folder());
    r = b.sync("chat");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue((r.out() + r.err()).contains("missing"), r.out() + r.err());
    var status = b.ferry("status", "--json");
    assertEquals(ExitCodes.ATTENTION, status.code(), "a folder that cannot sync until a person looks: " + status.out());
    assertTrue(status.out().replace(" ", "").contains("\"needsAttention\":true"), status.out());
    assertTrue(status.out().replace(" ", "").contains("\"paused\":true"), "SPEC: such a folder is paused: " + status.out());
    a.sync("chat").expect(0);
    assertTrue(Files.exists(a.folder().resolve("chat.json")), "nothing was propagated as deleted");
    assertTrue(Files.exists(a.folder().resolve("notes.txt")));

    Files.move(aside, b.folder()); // mounted again
    b.sync("chat").expect(0);
    assertTrue(b.ferry("status", "--json").out().replace(" ", "").contains("\"paused\":false"), "back, it syncs again");
    a.sync("chat").expect(0);
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  @Order(7)
  void aRootThatIsASymlinkSyncsTheDirectoryItLeadsTo() throws Exception {
    // A dotfile manager's layout: ~/.config/app is a link into the dotfiles repository.
    Path targetA = Files.createDirectories(base.resolve("a-repo/app"));
    Path linkA = Files.createSymbolicLink(base.resolve("a-app"), targetA);
    Path targetB = Files.createDirectories(base.resolve("b-repo/app"));
    Path linkB = Files.createSymbolicLink(base.resolve("b-app"), targetB);
    a.ferry("folder add", "app", linkA.toString()).expect(0);
    b.ferry("folder add", "app", linkB.toString()).expect(0);
    Files.writeString(targetA.resolve("app.toml"), "theme = \"dark\"\n");
    a.sync("app").expect(0);
    b.sync("app").expect(0);
    assertEquals("theme = \"dark\"\n", Files.readString(targetB.resolve("app.toml")));
    assertTrue(Files.isSymbolicLink(linkB), "the link itself is left alone");
    Files.writeString(linkB.resolve("keys.toml"), "k = 1\n");
    b.sync("app").expect(0);
    a.sync("app").expect(0);
    assertEquals("k = 1\n", Files.readString(targetA.resolve("keys.toml")));

    // Its disk not mounted when the daemon starts: the folder waits, paused, and syncs after a reload once it is back.
    b.stopDaemon();
    Path aside = base.resolve("b-repo-unmounted");
    Files.move(base.resolve("b-repo"), aside);
    b.startDaemon();
    var r = b.sync("app");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue((r.out() + r.err()).contains("is a symlink to"), r.out() + r.err());
    assertTrue(b.ferry("status", "--json").out().replace(" ", "").contains("\"paused\":true"));
    Files.move(aside, base.resolve("b-repo"));
    r = b.sync("app");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue((r.out() + r.err()).contains("ferry config reload"), r.out() + r.err());
    b.ferry("config reload").expect(0);
    Files.writeString(targetA.resolve("app.toml"), "theme = \"light\"\n");
    a.sync("app").expect(0);
    b.sync("app").expect(0);
    assertEquals("theme = \"light\"\n", Files.readString(targetB.resolve("app.toml")));
    Trees.assertSame(targetA, targetB);

    Path dangling = Files.createSymbolicLink(base.resolve("a-gone"), base.resolve("no-such-dir"));
    r = a.ferry("folder add", "gone", dangling.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("is a symlink to " + base.resolve("no-such-dir") + ", which does not exist"), r.err());
  }

  @Test
  @Order(8)
  void forceWithoutAnUploadOrDownloadDirectionIsAUsageError() {
    var r = a.sync("chat", "--force");
    assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--force needs --direction upload"), r.err());
    a.sync("chat", "--force", "--direction", "check").expect(ExitCodes.USAGE);
    a.sync("chat", "--force", "--direction", "upload").expect(0);
  }
}
