package dev.ferry.daemon.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written by the folder writer keeps its holes, and always its exact bytes. */
class SparseOutputTest {
  @TempDir Path root;

  @Test
  void zeroBlocksBecomeHolesAndTheBytesAreExact() throws Exception {
    ByteArrayOutputStream want = new ByteArrayOutputStream();
    want.write(random(8192 + 17, 1));
    want.write(new byte[4 << 20]); // 4 MiB of zeros
    want.write("tail of data".getBytes(StandardCharsets.UTF_8));
    want.write(new byte[1 << 20]); // ends in a hole
    byte[] bytes = want.toByteArray();
    Path f = write("sparse.img", bytes, 256 * 1024);
    assertArrayEquals(bytes, Files.readAllBytes(f));
    long allocated = allocatedBytes(f);
    assertTrue(allocated < 200 * 1024, "allocated " + allocated + " bytes of " + bytes.length);
  }

  @Test
  void anyWayTheBytesAreCutTheyArriveExact() throws Exception {
    Random rnd = new Random(42);
    for (int round = 0; round < 40; round++) {
      ByteArrayOutputStream want = new ByteArrayOutputStream();
      for (int part = 0; part < 6; part++) {
        int n = rnd.nextInt(3 * SparseOutput.BLOCK);
        want.write(rnd.nextBoolean() ? new byte[n] : random(n, rnd.nextLong()));
      }
      byte[] bytes = want.toByteArray();
      Path f = write("r" + round, bytes, 1 + rnd.nextInt(10_000));
      assertArrayEquals(bytes, Files.readAllBytes(f), "round " + round);
    }
    assertArrayEquals(new byte[0], Files.readAllBytes(write("empty", new byte[0], 10)));
    assertArrayEquals(new byte[SparseOutput.BLOCK], Files.readAllBytes(write("one-hole", new byte[SparseOutput.BLOCK], 1 << 16)));
  }

  /** Through the writer, in pieces of {@code piece} bytes, as a download hands them over. */
  private Path write(String name, byte[] bytes, int piece) throws IOException {
    new FolderWriter(root).writeFile(name, out -> {
      for (int off = 0; off < bytes.length; off += piece) out.write(bytes, off, Math.min(piece, bytes.length - off));
    }, "h", false, 0, null);
    return root.resolve(name);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    for (int i = 0; i < n; i++) if (b[i] == 0) b[i] = 1; // no zero block by chance
    return b;
  }

  /** What the file takes on disk (st_blocks × 512), as {@code du} tells it; Java has no call for it. */
  static long allocatedBytes(Path f) throws Exception {
    Process p = new ProcessBuilder("stat", "-c", "%b", f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return Long.parseLong(out) * 512;
  }
}
