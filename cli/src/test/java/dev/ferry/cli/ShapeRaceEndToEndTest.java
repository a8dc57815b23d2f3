package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.cli.testing.DevicePair;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A path that changes shape (file into directory, directory into file) on one device while the
 * other edits it: the shape change is applied, the edit is kept beside it, no run fails, and the
 * trees converge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShapeRaceEndToEndTest {
  DevicePair pair;
  TestDevice a;
  TestDevice b;

  @BeforeAll
  void start() throws Exception {
    pair = DevicePair.start("alice");
    a = pair.a;
    b = pair.b;
  }

  @AfterAll
  void stop() throws Exception {
    if (pair != null) pair.close();
  }

  @Test
  @Order(1)
  void aFileTurnedIntoADirectoryAgainstAnEditKeepsTheEditAndFillsTheDirectory() throws Exception {
    Path A = a.folder();
    Path B = b.folder();
    Files.writeString(A.resolve("f1"), "a file\n");
    pair.syncBoth();
    Files.delete(A.resolve("f1"));
    Files.createDirectories(A.resolve("f1"));
    Files.writeString(A.resolve("f1/in.txt"), "inside the new directory\n");
    Files.writeString(B.resolve("f1"), "a file\nedited on b\n");
    a.sync().expect(0);
    var r = b.sync();
    assertEquals("inside the new directory\n", Files.readString(B.resolve("f1/in.txt")), r.out() + r.err());
    assertTrue(Trees.contents(B).entrySet().stream().anyMatch(en -> en.getKey().startsWith("f1.conflict-")
        && en.getValue().equals("a file\nedited on b\n")), "b's edit is kept beside: " + Trees.contents(B).keySet());
    b.ferry("queue", "--failed").expect(0);
    a.sync();
    b.sync();
    Trees.assertSame(A, B);
  }

  @Test
  @Order(2)
  void aDirectoryTurnedIntoAFileAgainstAnEditInsideNeitherFailsTheRunNorLosesTheEdit() throws Exception {
    Path A = a.folder();
    Path B = b.folder();
    Files.createDirectories(A.resolve("d3"));
    Files.writeString(A.resolve("d3/x.txt"), "x\n");
    pair.syncBoth();
    Trees.deleteRecursively(B.resolve("d3"));
    Files.writeString(B.resolve("d3"), "d3 is a file on b\n");
    Files.writeString(A.resolve("d3/x.txt"), "x\nedited on a\n");
    a.sync().expect(0);
    var first = b.sync();
    assertTrue(first.code() == 0 || first.code() == ExitCodes.ATTENTION, "b's run does not fail: " + first.out() + first.err());
    for (int i = 0; i < 2; i++) {
      a.sync();
      b.sync();
    }
    Trees.assertSame(A, B);
    assertEquals("d3 is a file on b\n", Files.readString(B.resolve("d3")));
    assertTrue(Trees.contents(B).entrySet().stream().anyMatch(en -> en.getValue().equals("x\nedited on a\n")),
        "a's edit is kept: " + Trees.contents(B).keySet());
  }
}
