package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.DevicePair;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A device whose state.db is gone (deleted, or emptied) while it was stopped: its files are the
 * synced ones of some time ago. Its next run must take what the other device did meanwhile, not
 * bring deletions back or make conflict copies of its own stale files; a file edited here
 * meanwhile has no earlier revision to match and is kept both ways.
 */
class LostStateEndToEndTest {

  @ParameterizedTest
  @ValueSource(strings = {"deleted", "emptied"})
  void aDeviceThatLostItsStateTakesTheOtherDevicesChanges(String how) throws Exception {
    try (DevicePair pair = DevicePair.start("lost-" + how)) {
      TestDevice a = pair.a;
      TestDevice b = pair.b;
      Path A = a.folder();
      Files.createDirectories(A.resolve("gone/deep"));
      Files.writeString(A.resolve("gone/deep/inside.txt"), "in a tree deleted later\n");
      Files.writeString(A.resolve("deleted.txt"), "deleted on a later\n");
      Files.writeString(A.resolve("edited.txt"), "first\n");
      Files.writeString(A.resolve("edited-twice.txt"), "one\n");
      Files.writeString(A.resolve("kept.txt"), "never touched\n");
      Files.writeString(A.resolve("mine.txt"), "edited on b while its state is gone\n");
      pair.syncBoth();
      a.sync().expect(0);
      Files.writeString(A.resolve("edited-twice.txt"), "two\n");
      a.sync().expect(0);
      b.sync().expect(0);
      Trees.assertSame(A, b.folder());

      b.stopDaemon();
      Path stateDb = b.locations().stateDb();
      for (String suffix : List.of("", "-wal", "-shm")) {
        Path f = stateDb.resolveSibling(stateDb.getFileName() + suffix);
        if (how.equals("emptied") && suffix.isEmpty()) Files.write(f, new byte[0]);
        else Files.deleteIfExists(f);
      }
      Trees.deleteRecursively(A.resolve("gone"));
      Files.delete(A.resolve("deleted.txt"));
      Files.writeString(A.resolve("edited.txt"), "second, on a\n");
      Files.writeString(A.resolve("edited-twice.txt"), "three\n");
      Files.writeString(A.resolve("new.txt"), "new on a\n");
      a.sync().expect(0);
      Files.writeString(b.folder().resolve("mine.txt"), "b's own edit\n");

      b.startDaemon();
      String out = b.sync().expect(4).out(); // the one conflict needs attention
      assertTrue(out.contains("6 paths with no record here held an earlier revision of the hub's"), out);
      assertTrue(out.contains("1 conflicts"), out);
      a.sync().expect(0);
      b.sync().expect(0);

      Path B = b.folder();
      assertFalse(Files.exists(B.resolve("deleted.txt")), "a deletion made elsewhere came back");
      assertFalse(Files.exists(B.resolve("gone")), "a deleted tree came back");
      assertEquals("second, on a\n", Files.readString(B.resolve("edited.txt")));
      assertEquals("three\n", Files.readString(B.resolve("edited-twice.txt")));
      assertEquals("new on a\n", Files.readString(B.resolve("new.txt")));
      assertEquals("never touched\n", Files.readString(B.resolve("kept.txt")));
      // The edit made here while the record was gone matches nothing the hub had: kept both ways.
      List<String> copies = conflictCopies(B);
      assertEquals(1, copies.size(), "conflict copies: " + copies);
      assertTrue(copies.get(0).startsWith("mine"), copies.toString());
      Trees.assertSame(A, B);
    }
  }

  private static List<String> conflictCopies(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("conflict")).sorted().toList();
    }
  }
}
