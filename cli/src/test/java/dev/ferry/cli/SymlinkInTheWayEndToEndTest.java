package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.DevicePair;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A synced directory and a synced file that a dotfile manager replaced by symlinks on one
 * device: the other device's changes to them wait on the hub (never written through the link,
 * never in the failed queue) and arrive once the links are gone.
 */
class SymlinkInTheWayEndToEndTest {

  @Test
  void changesBehindALinkWaitOnTheHubAndArriveOnceItIsGone() throws Exception {
    try (DevicePair pair = DevicePair.start("linked")) {
      TestDevice a = pair.a;
      TestDevice b = pair.b;
      Path A = a.folder();
      Path B = b.folder();
      Files.createDirectories(A.resolve("nvim"));
      Files.writeString(A.resolve("nvim/init.lua"), "one\n");
      Files.writeString(A.resolve("bashrc"), "one\n");
      pair.syncBoth();
      b.sync().expect(0);
      Trees.assertSame(A, B);

      Path repo = Files.createDirectories(pair.base.resolve("b-dotfiles"));
      Files.move(B.resolve("nvim"), repo.resolve("nvim"));
      Files.createSymbolicLink(B.resolve("nvim"), repo.resolve("nvim"));
      Files.move(B.resolve("bashrc"), repo.resolve("bashrc"));
      Files.createSymbolicLink(B.resolve("bashrc"), repo.resolve("bashrc"));
      b.sync().expect(0);

      Files.writeString(A.resolve("nvim/init.lua"), "two\n");
      Files.writeString(A.resolve("nvim/new.lua"), "new\n");
      Files.writeString(A.resolve("bashrc"), "two\n");
      a.sync().expect(0);
      String out = b.sync().expect(0).out();
      assertTrue(out.contains("nvim/new.lua: waits on the hub: " + B.resolve("nvim") + " is a symlink here"), out);
      assertTrue(out.contains("bashrc: waits on the hub: it is a symlink here"), out);
      assertTrue(b.ferry("queue").expect(0).out().contains("failed: none"), "nothing in the failed queue");
      assertEquals("one\n", Files.readString(repo.resolve("nvim/init.lua")), "never written through the link");
      assertFalse(Files.exists(repo.resolve("nvim/new.lua")));
      assertEquals("one\n", Files.readString(repo.resolve("bashrc")));
      b.sync().expect(0); // and again: the changes still wait, they were not passed by

      // The links replaced by what they led to: the waiting changes arrive.
      Files.delete(B.resolve("nvim"));
      Files.move(repo.resolve("nvim"), B.resolve("nvim"));
      Files.delete(B.resolve("bashrc"));
      Files.move(repo.resolve("bashrc"), B.resolve("bashrc"));
      b.sync().expect(0);
      Trees.assertSame(A, B);
      assertEquals("two\n", Files.readString(B.resolve("nvim/init.lua")));
      assertEquals("two\n", Files.readString(B.resolve("bashrc")));
    }
  }
}
