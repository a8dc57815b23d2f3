package dev.ferry.daemon.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.IgnoreRules;
import dev.ferry.daemon.local.StateDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a pull reads the feed from as the ignore rules change, on a real state.db. */
class IgnoreChangeTest {
  @TempDir Path dir;
  FolderIndex index;

  @BeforeEach
  void open() throws Exception {
    index = new FolderIndex(StateDb.open(dir.resolve("state.db")), "docs");
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  long pull(List<String> rules, SyncDirection direction) throws Exception {
    return IgnoreChange.pullFrom(index, IgnoreRules.of(rules), direction);
  }

  @Test
  void aFolderWithoutRecordedRulesKeepsItsCursorAndRecordsThem() throws Exception {
    index.commit(null, null, Map.of(FolderIndex.CURSOR, "42"));
    assertEquals(42, pull(List.of("*.tmp"), SyncDirection.BOTH), "a folder synced before rules were recorded");
    assertEquals("*.tmp", index.meta(IgnoreChange.IGNORE_RULES).orElseThrow());
    assertEquals(42, pull(List.of("*.tmp"), SyncDirection.BOTH));
  }

  @Test
  void changedRulesReadTheFeedAgainOnceAndSayItInTheIndex() throws Exception {
    pull(List.of("cache/"), SyncDirection.BOTH);
    index.commit(null, null, Map.of(FolderIndex.CURSOR, "42"));
    assertEquals(0, pull(List.of(), SyncDirection.DOWNLOAD));
    assertEquals(0, index.cursor(), "the reset is recorded with the rules");
    assertEquals("", index.meta(IgnoreChange.IGNORE_RULES).orElseThrow());
    index.commit(null, null, Map.of(FolderIndex.CURSOR, "50"));
    assertEquals(50, pull(List.of(), SyncDirection.BOTH), "the same rules: no second re-read");
    assertEquals(0, pull(List.of("# a comment only", "", "a", "!b"), SyncDirection.BOTH), "added rules too");
  }

  @Test
  void aCheckRunReadsAsTheNextPullWouldAndChangesNothing() throws Exception {
    pull(List.of("cache/"), SyncDirection.BOTH);
    index.commit(null, null, Map.of(FolderIndex.CURSOR, "42"));
    assertEquals(0, pull(List.of(), SyncDirection.CHECK));
    assertEquals(42, index.cursor());
    assertEquals("cache/", index.meta(IgnoreChange.IGNORE_RULES).orElseThrow());
    assertEquals(42, pull(List.of("cache/"), SyncDirection.CHECK));
  }
}
