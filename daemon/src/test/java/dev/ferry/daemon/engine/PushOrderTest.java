package dev.ferry.daemon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.daemon.core.Action;
import dev.ferry.daemon.core.EntryKind;
import dev.ferry.daemon.core.Version;
import dev.ferry.daemon.local.IndexEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order a push hands out its writes in, so that receivers pulling meanwhile see a consistent tree. */
class PushOrderTest {
  @Test
  void directoryDeletionsGoLastDeepestFirstAfterEveryFileBeneathThem() {
    Map<String, IndexEntry> index = new HashMap<>();
    for (String d : List.of("t", "t/a", "t/a/b", "u")) index.put(d, entry(d, EntryKind.DIR, false));
    for (String f : List.of("t/a/b/f.txt", "t/a/g.txt", "keep.txt")) index.put(f, entry(f, EntryKind.FILE, false));
    index.put("gone", entry("gone", EntryKind.DIR, true));
    // As the reconciler lists them: by path, so a directory comes before what it holds.
    List<Action.Upload> uploads = List.of(delete("t"), delete("t/a"), delete("t/a/b"), delete("t/a/b/f.txt"),
        delete("t/a/g.txt"), upload("keep.txt"), mkdir("new-dir"), delete("u"));
    List<List<Action.Upload>> stages = PushPhase.directoryDeletionsLast(uploads, index);
    assertEquals(List.of(List.of("t/a/b/f.txt", "t/a/g.txt", "keep.txt", "new-dir"), List.of("t/a/b", "t/a", "t", "u")),
        stages.stream().map(s -> s.stream().map(Action.Upload::path).toList()).toList());
    assertEquals(List.of(List.of("keep.txt")), PushPhase.directoryDeletionsLast(List.of(upload("keep.txt")), index).stream()
        .map(s -> s.stream().map(Action.Upload::path).toList()).toList(), "nothing to put last: one stage");
  }

  private static IndexEntry entry(String path, EntryKind kind, boolean deleted) {
    return new IndexEntry(path, "id-" + path, kind, 1, kind == EntryKind.FILE ? "h" : null, false, deleted, 0, 0, 0, "{}");
  }

  private static Action.Upload delete(String path) {
    return new Action.Upload(path, 1, null);
  }

  private static Action.Upload upload(String path) {
    return new Action.Upload(path, 1, Version.file("h2", false));
  }

  private static Action.Upload mkdir(String path) {
    return new Action.Upload(path, 0, Version.dir());
  }
}
