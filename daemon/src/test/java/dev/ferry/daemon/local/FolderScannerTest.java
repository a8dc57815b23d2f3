package dev.ferry.daemon.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.EntryKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderScannerTest {
  @TempDir Path root;

  @Test
  void hashingOnAPoolFindsWhatTheWalkAloneFinds() throws Exception {
    for (int d = 0; d < 5; d++) {
      Path dir = Files.createDirectories(root.resolve("d" + d));
      for (int i = 0; i < 40; i++) Files.writeString(dir.resolve("f" + i + ".txt"), "content " + d + "/" + i);
    }
    Path script = root.resolve("d0/run.sh");
    Files.writeString(script, "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(root.resolve(TempNames.next()), "ours, skipped");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Map<String, LocalFile> alone = FolderScanner.scan(root, IgnoreRules.none(), Map.of()).files();
      Map<String, LocalFile> pooled = FolderScanner.scan(root, IgnoreRules.none(), Map.of(), pool).files();
      assertEquals(alone, pooled);
      assertEquals(5 + 5 * 40 + 1, pooled.size());
      assertTrue(pooled.get("d0/run.sh").executable());
      assertFalse(pooled.get("d0/f1.txt").executable());
      assertEquals(ContentHash.of("content 3/7".getBytes()), pooled.get("d3/f7.txt").hash());
      assertEquals(EntryKind.DIR, pooled.get("d4").kind());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void tempFilesAnEarlierDaemonLeftAreRemovedAndOnlyFerrysOwnNamesAreInternal() throws Exception {
    Files.createDirectories(root.resolve("sub"));
    Path mine = Files.writeString(root.resolve(TempNames.next()), "a write of this daemon, still going");
    Path killed = Files.writeString(root.resolve("sub/.ferry-tmp-1-0123456789abcdef"), "left by a daemon killed mid-write");
    Path oldShape = Files.writeString(root.resolve(".ferry-tmp-fedcba9876543210"), "the earlier shape, old");
    Files.setLastModifiedTime(oldShape, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(TempNames.UNNAMED_STALE_AFTER).minusSeconds(60)));
    Path oldShapeFresh = Files.writeString(root.resolve(".ferry-tmp-00000000000000aa"), "the earlier shape, just written");
    Files.writeString(root.resolve(".ferry-tmp-notes.txt"), "a user's file that only looks like ours");

    Map<String, LocalFile> seen = FolderScanner.scan(root, IgnoreRules.none(), Map.of()).files();
    assertFalse(Files.exists(killed), "another process's temp file is removed");
    assertFalse(Files.exists(oldShape), "an old temp file of the earlier shape is removed");
    assertTrue(Files.exists(mine) && Files.exists(oldShapeFresh), "a temp file that may still be written is kept");
    assertEquals(java.util.Set.of("sub", ".ferry-tmp-notes.txt"), seen.keySet(), "temp files are not synced; look-alikes are");
  }

  @Test
  void aFileTheIndexKnowsUnchangedIsNotReadAgain() throws Exception {
    Path f = Files.writeString(root.resolve("known.txt"), "hello");
    LocalFile seen = FolderScanner.scan(root, IgnoreRules.none(), Map.of()).files().get("known.txt");
    // The index claims another hash for the same size and mtime: the scan trusts it, so it did not read the file.
    Map<String, IndexEntry> index = new HashMap<>();
    index.put("known.txt", new IndexEntry("known.txt", "e".repeat(64), EntryKind.FILE, 1, "f".repeat(64), false, false,
        seen.size(), seen.mtimeNs(), seen.ctimeNs(), "{}"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      assertEquals("f".repeat(64), FolderScanner.scan(root, IgnoreRules.none(), index, pool).files().get("known.txt").hash());
      Files.writeString(f, "hello, changed");
      assertEquals(ContentHash.of("hello, changed".getBytes()),
          FolderScanner.scan(root, IgnoreRules.none(), index, pool).files().get("known.txt").hash());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anEditThatPutsSizeAndMtimeBackIsSeenByItsCtime() throws Exception {
    Path f = Files.writeString(root.resolve("notes.txt"), "hello");
    Map<String, IndexEntry> index = synced(root);
    LocalFile before = FolderScanner.scan(root, IgnoreRules.none(), index).files().get("notes.txt");
    assertEquals(index.get("notes.txt").hash(), before.hash());
    editKeepingSizeAndMtime(f, "jello", before);
    LocalFile after = FolderScanner.scan(root, IgnoreRules.none(), index).files().get("notes.txt");
    assertEquals(before.size(), after.size());
    assertEquals(before.mtimeNs(), after.mtimeNs());
    assertEquals(ContentHash.of("jello".getBytes()), after.hash(), "cp -p / touch -r leave size and mtime; the ctime moved");
    assertEquals(after, FolderScanner.stat(root, "notes.txt", index.get("notes.txt")), "a single stat (the watch trigger's) sees it too");
  }

  @Test
  void anIndexWithoutCtimesHashesOnceThenTrustsWhatItRecorded() throws Exception {
    Files.writeString(root.resolve("old.txt"), "synced by a ferry before ctimes");
    Map<String, IndexEntry> index = new HashMap<>();
    for (IndexEntry e : synced(root).values()) {
      index.put(e.path(), new IndexEntry(e.path(), e.entryId(), e.kind(), e.rev(), "a".repeat(64), e.executable(), false,
          e.size(), e.mtimeNs(), 0, e.versionVector()));
    }
    // The claimed hash is wrong on purpose: a scan that trusted it would not have read the file.
    assertEquals(ContentHash.of("synced by a ferry before ctimes".getBytes()),
        FolderScanner.scan(root, IgnoreRules.none(), index).files().get("old.txt").hash());
  }

  /** Rewrites {@code f} with same-sized content and its old mtime, as cp -p does, in a later ctime tick. */
  static void editKeepingSizeAndMtime(Path f, String content, LocalFile before) throws Exception {
    java.nio.file.attribute.FileTime mtime = java.nio.file.attribute.FileTime.from(before.mtimeNs(), java.util.concurrent.TimeUnit.NANOSECONDS);
    // The ctime clock ticks coarsely (a jiffy): rewrite until it shows the edit, as any later edit would.
    do {
      Files.writeString(f, content);
      Files.setLastModifiedTime(f, mtime);
    } while (FileStat.of(f).ctimeNs() == before.ctimeNs());
  }

  @Test
  void aSyncedPathIgnoredLaterIsHeldAtItsBaseNotReportedDeleted() throws Exception {
    Files.writeString(root.resolve("normal.txt"), "synced before the rule");
    Files.createDirectories(root.resolve("cache/deep"));
    Files.writeString(root.resolve("cache/deep/c.bin"), "cached");
    Files.writeString(root.resolve("gone.txt"), "x");
    Map<String, IndexEntry> index = synced(root);
    index.put("old.txt", new IndexEntry("old.txt", "d".repeat(64), EntryKind.FILE, 2, null, false, true, 0, 0, 0, "{}"));
    Files.delete(root.resolve("gone.txt"));
    Files.writeString(root.resolve("normal.txt"), "edited while ignored: not sent");
    Files.writeString(root.resolve("new.tmp"), "ignored and never synced");

    Map<String, LocalFile> seen = FolderScanner.scan(root, IgnoreRules.of(List.of("normal.txt", "cache/", "*.tmp", "old.txt")), index).files();
    assertHeld(index, seen, List.of("normal.txt", "cache", "cache/deep", "cache/deep/c.bin"));
    assertFalse(seen.containsKey("gone.txt"), "a deletion of a path still synced is reported");
    assertFalse(seen.containsKey("new.tmp"), "an ignored path never synced stays out");
    assertFalse(seen.containsKey("old.txt"), "a tombstone is not brought back");
  }

  @Test
  void aFileOrDirectoryThatCannotBeReadIsNamedAndHeldAtItsBaseNotReportedDeleted() throws Exception {
    Files.writeString(root.resolve("locked.txt"), "synced while readable");
    Files.createDirectories(root.resolve("closed/deep"));
    Files.writeString(root.resolve("closed/deep/c.txt"), "synced while readable");
    Files.writeString(root.resolve("open.txt"), "readable");
    Map<String, IndexEntry> index = synced(root);
    // Root reads everything: the seam answers EACCES as the kernel would for another user.
    Files.writeString(root.resolve("locked.txt"), "edited, then made unreadable");
    Files.writeString(root.resolve("new-locked.txt"), "never synced, unreadable");
    Files.writeString(root.resolve("open.txt"), "readable, edited");
    for (String p : List.of("locked.txt", "new-locked.txt", "closed")) FileSystemFaults.arm(root.resolve(p), FileSystemFaults.Fault.UNREADABLE);
    try {
      FolderScanner.Scan scan = scanOnAPool(index);
      assertHeld(index, scan.files(), List.of("locked.txt", "closed", "closed/deep", "closed/deep/c.txt"));
      assertFalse(scan.files().containsKey("new-locked.txt"));
      assertEquals(ContentHash.of("readable, edited".getBytes()), scan.files().get("open.txt").hash(), "the rest is scanned");
      assertEquals(List.of("closed: cannot be read (permission denied), not synced", "locked.txt: cannot be read (permission denied), not synced",
          "new-locked.txt: cannot be read (permission denied), not synced"), scan.skipped());
    } finally {
      FileSystemFaults.disarmAll();
    }
  }

  @Test
  void aDirectoryThatCannotBeListedForAnyReasonIsHeldNotReportedDeleted() throws Exception {
    Files.createDirectories(root.resolve("photos/2019"));
    Files.writeString(root.resolve("photos/2019/a.jpg"), "a");
    Files.writeString(root.resolve("photos/b.jpg"), "b");
    Files.writeString(root.resolve("open.txt"), "open");
    Map<String, IndexEntry> index = synced(root);
    Files.writeString(root.resolve("open.txt"), "open, edited");
    // The open-file limit reached while the walk opens the directory (EMFILE, not EACCES).
    FileSystemFaults.arm(root.resolve("photos"), FileSystemFaults.Fault.NO_FILE_DESCRIPTORS);
    try {
      FolderScanner.Scan scan = scanOnAPool(index);
      assertHeld(index, scan.files(), List.of("photos", "photos/2019", "photos/2019/a.jpg", "photos/b.jpg"));
      assertEquals(ContentHash.of("open, edited".getBytes()), scan.files().get("open.txt").hash(), "the rest is scanned");
      assertEquals(List.of("photos: cannot be read (Too many open files), held as last synced"), scan.skipped());
    } finally {
      FileSystemFaults.disarmAll();
    }
  }

  @Test
  void aSyncedFileOrDirectoryReplacedByASymlinkIsHeldAtItsBaseNotReportedDeleted() throws Exception {
    Files.writeString(root.resolve("bashrc"), "synced as a file");
    Files.createDirectories(root.resolve("nvim"));
    Files.writeString(root.resolve("nvim/init.lua"), "synced");
    Map<String, IndexEntry> index = synced(root);
    Path dotfiles = Files.createDirectories(root.getParent().resolve(root.getFileName() + "-dotfiles"));
    Files.delete(root.resolve("bashrc"));
    Files.createSymbolicLink(root.resolve("bashrc"), Files.writeString(dotfiles.resolve("bashrc"), "managed elsewhere"));
    Files.delete(root.resolve("nvim/init.lua"));
    Files.delete(root.resolve("nvim"));
    Files.createSymbolicLink(root.resolve("nvim"), Files.createDirectories(dotfiles.resolve("nvim")));

    FolderScanner.Scan scan = FolderScanner.scan(root, IgnoreRules.none(), index);
    assertHeld(index, scan.files(), List.of("bashrc", "nvim", "nvim/init.lua"));
    assertTrue(scan.skipped().contains("bashrc: a symbolic link, not synced"), scan.skipped().toString());
  }

  @Test
  void symlinksAreNotSyncedAndSaySoUnlessIgnored() throws Exception {
    Files.writeString(root.resolve("real.txt"), "x");
    Files.createSymbolicLink(root.resolve("to-real"), root.resolve("real.txt"));
    Files.createSymbolicLink(root.resolve("out.lnk"), Path.of("/etc/passwd"));
    FolderScanner.Scan scan = FolderScanner.scan(root, IgnoreRules.none(), Map.of());
    assertEquals(java.util.Set.of("real.txt"), scan.files().keySet());
    assertEquals(java.util.List.of("out.lnk: a symbolic link, not synced", "to-real: a symbolic link, not synced"),
        scan.skipped().stream().sorted().toList());
    FolderScanner.Scan quiet = FolderScanner.scan(root, IgnoreRules.of(java.util.List.of("*.lnk", "to-real")), Map.of());
    assertEquals(java.util.List.of(), quiet.skipped());
  }

  /** The index a sync of the tree as it is now would leave. */
  static Map<String, IndexEntry> synced(Path root) throws Exception {
    Map<String, IndexEntry> index = new HashMap<>();
    for (LocalFile f : FolderScanner.scan(root, IgnoreRules.none(), Map.of()).files().values()) {
      index.put(f.path(), new IndexEntry(f.path(), "e".repeat(64), f.kind(), 1, f.hash(), f.executable(), false, f.size(), f.mtimeNs(), f.ctimeNs(), "{}"));
    }
    return index;
  }

  /** Each of {@code paths} is reported as the index last had it: held, not changed or deleted. */
  static void assertHeld(Map<String, IndexEntry> index, Map<String, LocalFile> seen, List<String> paths) {
    for (String held : paths) {
      IndexEntry base = index.get(held);
      assertEquals(new LocalFile(held, base.kind(), base.hash(), base.executable(), base.size(), base.mtimeNs(), base.ctimeNs()), seen.get(held), held);
    }
  }

  private FolderScanner.Scan scanOnAPool(Map<String, IndexEntry> index) throws java.io.IOException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      return FolderScanner.scan(root, IgnoreRules.none(), index, pool);
    } finally {
      pool.shutdown();
    }
  }
}
