package dev.ferry.daemon.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.local.IndexEntry;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.local.StateDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling edits from the daemon's own writes: real files against a real state.db index. */
class LocalChangesTest {
  @TempDir Path tmp;
  private Path root;
  private StateDb db;
  private FolderIndex index;
  private LocalChanges changes;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("folder"));
    db = StateDb.open(tmp.resolve("state.db"));
    index = new FolderIndex(db, "f");
    changes = new LocalChanges(db, "f", root);
  }

  /** Records the file as synced, the way a run does after writing it. */
  private void synced(String rel) throws Exception {
    LocalFile lf = FolderScanner.stat(root, rel, null);
    index.commit(List.of(new IndexEntry(rel, "id-" + rel, lf.kind(), 1, lf.hash(), lf.executable(), false, lf.size(),
        lf.mtimeNs(), lf.ctimeNs(), "{}")), null, null);
  }

  @Test
  void aFileAsTheRunWroteItIsNotAChange() throws Exception {
    Files.writeString(root.resolve("a.txt"), "hello");
    synced("a.txt");
    assertFalse(changes.anyChanged(List.of("a.txt")));
    assertFalse(changes.anyChanged(IgnoreRules.none()));
  }

  @Test
  void editedNewAndDeletedFilesAreChanges() throws Exception {
    Files.writeString(root.resolve("a.txt"), "hello");
    synced("a.txt");
    Files.writeString(root.resolve("a.txt"), "hello, edited");
    assertTrue(changes.anyChanged(List.of("a.txt")));
    assertTrue(changes.anyChanged(IgnoreRules.none()));

    synced("a.txt");
    Files.writeString(root.resolve("new.txt"), "x");
    assertTrue(changes.anyChanged(List.of("new.txt")));
    Files.delete(root.resolve("new.txt"));
    assertFalse(changes.anyChanged(List.of("new.txt")), "created and deleted again: nothing to sync");

    Files.delete(root.resolve("a.txt"));
    assertTrue(changes.anyChanged(List.of("a.txt")));
  }

  @Test
  void aTombstoneMatchesAnAbsentFileAndTheCursorIsRead() throws Exception {
    index.commit(List.of(new IndexEntry("gone.txt", "id", EntryKind.FILE, 2, null, false, true, 0, 0, 0, "{}")), null,
        Map.of(FolderIndex.CURSOR, "17"));
    assertFalse(changes.anyChanged(List.of("gone.txt")));
    assertEquals(17, changes.cursor());
  }

  @Test
  void directoriesCompareByKindAndIgnoredFilesAreNotChanges() throws Exception {
    Files.createDirectories(root.resolve("d"));
    synced("d");
    assertFalse(changes.anyChanged(List.of("d")));
    Files.writeString(root.resolve("x.tmp"), "scratch");
    assertFalse(changes.anyChanged(IgnoreRules.of(List.of("*.tmp"))));
    assertTrue(changes.anyChanged(IgnoreRules.none()));
  }
}
