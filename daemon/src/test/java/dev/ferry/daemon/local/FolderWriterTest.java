package dev.ferry.daemon.local;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.daemon.core.EntryKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariants 1, 2 and 5 on real files. */
class FolderWriterTest {
  @TempDir Path root;

  FolderWriter writer() { return new FolderWriter(root); }

  static FolderWriter.Content bytes(String s) {
    return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  LocalFile stat(String rel) throws IOException {
    return FolderScanner.stat(root, rel, null);
  }

  @Test
  void createsNestedFilesWithModeAndMtimeAndLeavesNoTemp() throws IOException {
    LocalFile f = writer().writeFile("a/b/run.sh", bytes("#!/bin/sh\n"), "h", true, 1_600_000_000_000L, null);
    Path p = root.resolve("a/b/run.sh");
    assertEquals("#!/bin/sh\n", Files.readString(p));
    assertTrue(Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_EXECUTE));
    assertEquals(1_600_000_000_000L, Files.getLastModifiedTime(p).toMillis());
    assertEquals(10, f.size());
    try (Stream<Path> s = Files.list(root.resolve("a/b"))) {
      assertEquals(List.of("run.sh"), s.map(x -> x.getFileName().toString()).toList());
    }
  }

  @Test
  void overwritesOnlyAFileThatStillEqualsTheBase() throws IOException {
    Files.writeString(root.resolve("n.txt"), "v1");
    LocalFile base = stat("n.txt");
    Files.writeString(root.resolve("n.txt"), "edited by the user!");
    assertThrows(LocalChangedException.class, () -> writer().writeFile("n.txt", bytes("remote"), "h", false, 0, base));
    assertEquals("edited by the user!", Files.readString(root.resolve("n.txt")));
    assertNoTemps();
  }

  @Test
  void aUserEditThatPutSizeAndMtimeBackIsNotOverwritten() throws Exception {
    Path n = Files.writeString(root.resolve("n.txt"), "v1 of the file");
    LocalFile base = stat("n.txt");
    FolderScannerTest.editKeepingSizeAndMtime(n, "v2 by the user", base); // as cp -p would leave it
    assertThrows(LocalChangedException.class, () -> writer().writeFile("n.txt", bytes("remote"), "h", false, 0, base));
    assertEquals("v2 by the user", Files.readString(n));
    assertThrows(LocalChangedException.class, () -> writer().deleteFile("n.txt", base));
    assertEquals("v2 by the user", Files.readString(n));
    assertNoTemps();
  }

  @Test
  void aTouchedFileWithTheSameBytesIsStillTheBase() throws IOException {
    Path n = Files.writeString(root.resolve("n.txt"), "v1");
    LocalFile base = new LocalFile("n.txt", EntryKind.FILE, ContentHash.of("v1".getBytes()), false, 2, 1, 1);
    LocalFile written = writer().writeFile("n.txt", bytes("remote"), "h", false, 0, base);
    assertEquals("remote", Files.readString(n));
    assertEquals(FileStat.of(n).ctimeNs(), written.ctimeNs(), "the stat the index keeps is the one after the rename");
  }

  @Test
  void refusesToCreateOverAFileThatAppeared() throws IOException {
    Files.writeString(root.resolve("new.txt"), "mine");
    assertThrows(LocalChangedException.class, () -> writer().writeFile("new.txt", bytes("theirs"), "h", false, 0, null));
    assertEquals("mine", Files.readString(root.resolve("new.txt")));
  }

  @Test
  void failedContentLeavesTheOldFileIntact() throws IOException {
    Files.writeString(root.resolve("keep.txt"), "old");
    LocalFile base = stat("keep.txt");
    assertThrows(IOException.class, () -> writer().writeFile("keep.txt", out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("network cut mid-file");
    }, "h", false, 0, base));
    assertEquals("old", Files.readString(root.resolve("keep.txt")));
    assertNoTemps();
  }

  @Test
  void aConflictCopyIsMadeOnlyOnceTheHubsBytesAreWritten() throws IOException {
    Files.writeString(root.resolve("notes.txt"), "mine");
    LocalFile mine = stat("notes.txt");
    FileSystemFaults.arm(root, FileSystemFaults.Fault.NO_SPACE);
    try {
      assertThrows(IOException.class, () -> writer().writeFileMovingAside("notes.txt", "notes.conflict.txt", bytes("theirs"), "h",
          false, 0, mine));
    } finally {
      FileSystemFaults.disarmAll();
    }
    // The full disk failed the write: the local file keeps its name, and no copy was made.
    assertEquals("mine", Files.readString(root.resolve("notes.txt")));
    assertFalse(Files.exists(root.resolve("notes.conflict.txt")));
    assertNoTemps();

    writer().writeFileMovingAside("notes.txt", "notes.conflict.txt", bytes("theirs"), "h", false, 0, mine);
    assertEquals("theirs", Files.readString(root.resolve("notes.txt")));
    assertEquals("mine", Files.readString(root.resolve("notes.conflict.txt")));
    Files.writeString(root.resolve("notes.txt"), "edited since");
    assertThrows(LocalChangedException.class, () -> writer().writeFileMovingAside("notes.txt", "other.conflict.txt",
        bytes("theirs again"), "h", false, 0, mine), "a file changed since it was seen is neither moved nor overwritten");
    assertEquals("edited since", Files.readString(root.resolve("notes.txt")));
    assertFalse(Files.exists(root.resolve("other.conflict.txt")));
    assertNoTemps();
  }

  @Test
  void neverWritesThroughASymlink(@TempDir Path outside) throws IOException {
    Files.createSymbolicLink(root.resolve("link"), outside);
    assertThrows(UnsafePathException.class, () -> writer().writeFile("link/evil.txt", bytes("x"), "h", false, 0, null));
    assertThrows(UnsafePathException.class, () -> writer().mkdir("link/sub"));
    Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("target.txt"));
    assertThrows(UnsafePathException.class, () -> writer().writeFile("file-link", bytes("x"), "h", false, 0, null));
    try (Stream<Path> s = Files.list(outside)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void neverWritesOutsideTheRoot() {
    assertThrows(UnsafePathException.class, () -> writer().writeFile("../escape.txt", bytes("x"), "h", false, 0, null));
    assertFalse(Files.exists(root.getParent().resolve("escape.txt")));
  }

  @Test
  void deletesOnlyAnUnchangedFile() throws IOException {
    Files.writeString(root.resolve("d.txt"), "v1");
    LocalFile base = stat("d.txt");
    Files.writeString(root.resolve("d.txt"), "v2 longer");
    assertThrows(LocalChangedException.class, () -> writer().deleteFile("d.txt", base));
    assertTrue(Files.exists(root.resolve("d.txt")));
    writer().deleteFile("d.txt", stat("d.txt"));
    assertFalse(Files.exists(root.resolve("d.txt")));
  }

  @Test
  void writersRacingToCreateTheSameDirectoriesAllSucceed() throws Exception {
    // A first sync writes the files of a new directory on several threads at once: each of them
    // may find the directory missing and create it, and none may take the other's for a file.
    FolderWriter w = writer();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<LocalFile>> writes = new java.util.ArrayList<>();
      for (int d = 0; d < 50; d++) {
        for (int i = 0; i < 8; i++) {
          String rel = "top" + d + "/mid/f" + i + ".txt";
          writes.add(pool.submit(() -> w.writeFile(rel, bytes(rel), "h", false, 0, null)));
        }
      }
      for (var f : writes) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertEquals("top49/mid/f7.txt", Files.readString(root.resolve("top49/mid/f7.txt")));
    try (Stream<Path> s = Files.walk(root)) {
      assertEquals(400, s.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void aFileWhereADirectoryGoesStaysAndTheWriteFails() throws IOException {
    Files.writeString(root.resolve("dir"), "a file of the user's");
    assertThrows(IOException.class, () -> writer().writeFile("dir/x.txt", bytes("x"), "h", false, 0, null));
    assertEquals("a file of the user's", Files.readString(root.resolve("dir")));
  }

  @Test
  void keepsANonEmptyDirectory() throws IOException {
    Files.createDirectories(root.resolve("dir"));
    Files.writeString(root.resolve("dir/local-only.txt"), "x");
    assertFalse(writer().rmdirIfEmpty("dir"));
    assertTrue(Files.exists(root.resolve("dir/local-only.txt")));
    Files.delete(root.resolve("dir/local-only.txt"));
    assertTrue(writer().rmdirIfEmpty("dir"));
  }

  @Test
  void scanSkipsSymlinksMarkerTempsAndIgnored() throws IOException {
    Files.writeString(root.resolve(FolderScanner.MARKER), "m");
    Files.writeString(root.resolve(".ferry-tmp-77-00000000000000ab"), "t");
    Files.writeString(root.resolve("a.txt"), "a");
    Files.writeString(root.resolve("b.tmp"), "b");
    Files.createDirectories(root.resolve("empty"));
    Files.createSymbolicLink(root.resolve("ln"), root.resolve("a.txt"));
    var scan = FolderScanner.scan(root, IgnoreRules.of(List.of("*.tmp")), Map.of());
    assertEquals(Map.of("a.txt", EntryKind.FILE, "empty", EntryKind.DIR),
        scan.files().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().kind())));
    assertEquals(ContentHash.of("a".getBytes(StandardCharsets.UTF_8)), scan.files().get("a.txt").hash());
  }

  private void assertNoTemps() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(FolderScanner.TEMP_PREFIX)));
    }
  }
}
