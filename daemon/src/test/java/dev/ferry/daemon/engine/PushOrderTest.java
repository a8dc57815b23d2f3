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
  void writesFirstThenFileDeletionsThenDirectoriesDeepestFirst() {
    Map<String, IndexEntry> index = new HashMap<>();
    for (String d : List.of("t", "t/a", "t/a/b", "u", "was-dir")) index.put(d, entry(d, EntryKind.DIR, false));
    for (String f : List.of("t/a/b/f.txt", "t/a/g.txt", "keep.txt", "was-dir/x", "was-file")) index.put(f, entry(f, EntryKind.FILE, false));
    index.put("gone", entry("gone", EntryKind.DIR, true));
    // As the reconciler lists them: by path, so a directory comes before what it holds. The tree
    // t is renamed to t2 (its new paths are plain creates); was-dir becomes a file, was-file a directory.
    List<Action.Upload> uploads = List.of(delete("t"), delete("t/a"), delete("t/a/b"), delete("t/a/b/f.txt"),
        delete("t/a/g.txt"), mkdir("t2"), upload("t2/g.txt"), upload("keep.txt"), mkdir("new-dir"), delete("u"),
        upload("was-dir"), delete("was-dir/x"), mkdir("was-file"), upload("gone"));
    assertEquals(List.of(
            List.of("t2", "t2/g.txt", "keep.txt", "new-dir", "was-file", "gone"),
            List.of("t/a/b/f.txt", "t/a/g.txt", "was-dir/x"),
            List.of("t/a/b", "t/a", "t", "u", "was-dir")),
        paths(PushPhase.stages(uploads, index)));
    assertEquals(List.of(List.of("keep.txt")), paths(PushPhase.stages(List.of(upload("keep.txt")), index)),
        "nothing to put after: one stage");
    assertEquals(List.of(List.of("t/a/g.txt"), List.of("t/a")), paths(PushPhase.stages(List.of(delete("t/a"), delete("t/a/g.txt")), index)),
        "no writes: the deletions' stages only");
  }

  private static List<List<String>> paths(List<List<Action.Upload>> stages) {
    return stages.stream().map(s -> s.stream().map(Action.Upload::path).toList()).toList();
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
