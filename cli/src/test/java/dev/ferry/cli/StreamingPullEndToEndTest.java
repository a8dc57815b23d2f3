package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.cli.testing.ProxiedPair;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pull writes the change feed a window at a time while it reads on (pages of 500 entries,
 * windows of up to 2,000 files; {@code HeapBoundEndToEndTest} goes through many windows): a
 * feed that changes between two pages, and deletions that wait for the end of the feed while
 * the files before them are already written. A real hub, behind a proxy that lets the test act
 * at the moment the second page is asked for; real daemons.
 */
class StreamingPullEndToEndTest {
  ProxiedPair pair;
  TestDevice a;
  TestDevice b;

  @BeforeEach
  void start() throws Exception {
    pair = ProxiedPair.start("erin");
    a = pair.a;
    b = pair.b;
    a.startDaemon();
    b.startDaemon();
  }

  @AfterEach
  void stop() throws Exception {
    if (pair != null) pair.close();
  }

  @Test
  void pathsChangedBetweenTwoPagesEndAtTheirLatestRevision() throws Exception {
    writeFiles(a.folder(), 700, "first");
    a.sync().expect(0);
    // While b reads the feed, right before its second page, a changes every file: page one
    // brought 500 of them at rev 1 (decided, waiting for the writers), the pages after bring all 700 at rev 2.
    AtomicInteger fired = new AtomicInteger();
    pair.proxy.onceBefore(q -> q.contains("/changes?") && !q.contains("since=0&"), () -> {
      writeFiles(a.folder(), 700, "second");
      a.sync().expect(0);
      fired.incrementAndGet();
    });
    b.sync().expect(0);
    assertEquals(1, fired.get(), "the feed changed between pages");
    for (int i = 0; i < 700; i++) {
      assertEquals("second " + i, Files.readString(file(b.folder(), i)), "file " + i);
    }
    // The index holds the latest revisions: nothing goes back up, nothing comes down again.
    assertTrue(b.sync().expect(0).out().contains("0 up, 0 down"), "b has nothing left to do");
    assertTrue(a.sync().expect(0).out().contains("0 up, 0 down"), "a has nothing left to do");
    Trees.assertSame(a.folder(), b.folder());
  }

  @Test
  void filesBeforeAMassDeletionAreWrittenAndTheDeletionsWait() throws Exception {
    writeFiles(a.folder(), 30, "old");
    a.sync().expect(0);
    b.sync().expect(0);
    // One push: 20 of b's 30 files deleted, 600 new ones (two pages of feed).
    for (int i = 0; i < 20; i++) Files.delete(file(a.folder(), i));
    Path fresh = Files.createDirectories(a.folder().resolve("fresh"));
    for (int i = 0; i < 600; i++) Files.writeString(fresh.resolve("n" + i + ".txt"), "new " + i);
    a.sync("docs", "--allow-mass-delete").expect(0);

    var stopped = b.sync("docs");
    assertNotEquals(0, stopped.code());
    assertTrue((stopped.out() + stopped.err()).contains("--allow-mass-delete"), stopped.out() + stopped.err());
    assertTrue(stopped.out().contains(" 600 down"), stopped.out());
    assertTrue(Files.exists(file(b.folder(), 0)), "nothing deleted without the user's word");
    assertEquals("new 599", Files.readString(b.folder().resolve("fresh/n599.txt")), "the new files are written");
    // The written files are recorded: the next run reads them again but does not fetch them again.
    var again = b.sync("docs");
    assertNotEquals(0, again.code(), "the deletions still wait");
    assertTrue(again.out().contains(" 0 down"), again.out());

    b.sync("docs", "--allow-mass-delete").expect(0);
    assertFalse(Files.exists(file(b.folder(), 0)));
    Trees.assertSame(a.folder(), b.folder());
  }

  private static Path file(Path root, int i) {
    return root.resolve("d" + (i % 7)).resolve("f" + i + ".txt");
  }

  private static void writeFiles(Path root, int n, String content) {
    try {
      for (int i = 0; i < n; i++) {
        Path f = file(root, i);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content + " " + i);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
