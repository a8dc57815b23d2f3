package dev.ferry.daemon.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.EntryKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDbTest {
  @TempDir Path dir;

  @Test
  void anIndexFromBeforeCtimesUpgradesAndItsFilesAreHashedOnceThenTrusted() throws Exception {
    Path root = Files.createDirectories(dir.resolve("folder"));
    Path f = Files.writeString(root.resolve("a.txt"), "synced by an older ferry");
    Path file = dir.resolve("state.db");
    StateDb old = StateDb.openAt(file, 3);
    try (Connection c = old.connect(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO entries(folder, path, entry_id, kind, rev, hash, executable, deleted, size, mtime_ns, vv)"
            + " VALUES ('docs', 'a.txt', 'id', 'FILE', 1, ?, 0, 0, ?, ?, '{}')")) {
      ps.setString(1, ContentHash.ofFile(f));
      ps.setLong(2, Files.size(f));
      ps.setLong(3, Files.getLastModifiedTime(f).to(java.util.concurrent.TimeUnit.NANOSECONDS));
      ps.executeUpdate();
    }

    try (FolderIndex index = new FolderIndex(StateDb.open(file), "docs")) {
      IndexEntry upgraded = index.load().get("a.txt");
      assertEquals(0, upgraded.ctimeNs(), "an entry an older ferry wrote has no ctime yet");
      LocalFile seen = FolderScanner.scan(root, IgnoreRules.none(), index.load()).files().get("a.txt");
      assertEquals(upgraded.hash(), seen.hash());
      assertTrue(seen.ctimeNs() > 0);
      index.refreshStats(List.of(seen));
      IndexEntry now = index.load().get("a.txt");
      assertEquals(seen.ctimeNs(), now.ctimeNs());
      assertTrue(now.sameStat(seen.size(), seen.mtimeNs(), seen.ctimeNs()));
      assertEquals(new IndexEntry("a.txt", "id", EntryKind.FILE, 1, upgraded.hash(), false, false, seen.size(), seen.mtimeNs(),
          seen.ctimeNs(), "{}"), now, "only the stat changed");
    }
    try (Connection c = StateDb.open(file).connect(); ResultSet rs = c.createStatement().executeQuery("SELECT MAX(version) FROM schema_version")) {
      assertTrue(rs.next());
      assertEquals(4, rs.getInt(1));
    }
  }

  @Test
  void aRefreshNeverTouchesAnEntryWhoseContentMovedOn() throws Exception {
    try (FolderIndex index = new FolderIndex(StateDb.open(dir.resolve("state.db")), "docs")) {
      index.commit(List.of(new IndexEntry("a.txt", "id", EntryKind.FILE, 2, "new-hash", false, false, 5, 50, 500, "{}")), null, null);
      index.refreshStats(List.of(new LocalFile("a.txt", EntryKind.FILE, "old-hash", false, 4, 40, 400)));
      assertEquals(500, index.load().get("a.txt").ctimeNs(), "a stat taken for other content stays out");
    }
  }

  @Test
  void aFailureOnAFullDiskSaysSoAndOnlyThen() {
    Path file = dir.resolve("state.db");
    assertEquals(java.util.Optional.of("the disk holding " + file + " is full (12 KiB free)"), StateDb.fullDisk(file, 12 * 1024));
    assertEquals(java.util.Optional.empty(), StateDb.fullDisk(file, StateDb.FULL_BELOW_BYTES));
  }
}
